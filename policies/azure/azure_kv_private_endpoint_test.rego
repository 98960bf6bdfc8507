package keywarden.checks.azure_kv_private_endpoint_test

import rego.v1

import data.keywarden.checks.azure_kv_private_endpoint as check

vault := {"provider": "azure", "account": "sub1", "id": "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1", "name": "kv1", "kind": "key-vault", "privateEndpoint": true, "raw": {"privateEndpointConnections": [{"status": "Approved"}]}}

findings(c) = f if {
	f = check.deny with input as {"keys": [], "containers": [c]}
}

with_connections(conns) := object.union(object.remove(vault, ["raw"]), {"raw": {"privateEndpointConnections": conns}})

test_allow_approved_connection if count(findings(vault)) == 0

test_allow_approved_in_arm_shape if {
	c := with_connections([{"properties": {"privateLinkServiceConnectionState": {"status": "Approved"}}}])
	count(findings(c)) == 0
}

# Trap: Prowler counts Pending and Rejected connections as present.
test_deny_pending_connection_only if {
	some r in findings(with_connections([{"status": "Pending"}]))
	r.evidence.connections == ["Pending"]
}

test_deny_rejected_connection if count(findings(with_connections([{"status": "Rejected"}, {"status": "Disconnected"}]))) == 1

test_deny_no_connection if count(findings(with_connections([]))) == 1

test_allow_normalised_flag_without_list if count(findings(object.remove(vault, ["raw"]))) == 0

test_deny_normalised_flag_false if count(findings(object.union(object.remove(vault, ["raw"]), {"privateEndpoint": false}))) == 1

test_unknown_not_collected if {
	some r in findings(object.union(object.remove(vault, ["raw", "privateEndpoint"]), {"unknown": {"privateEndpoint": "AuthorizationFailed"}}))
	r.status == "unknown"
}
