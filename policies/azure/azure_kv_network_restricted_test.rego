package keywarden.checks.azure_kv_network_restricted_test

import rego.v1

import data.keywarden.checks.azure_kv_network_restricted as check

vault := {"provider": "azure", "account": "sub1", "id": "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1", "name": "kv1", "kind": "key-vault", "publicNetworkAccess": false, "networkDefaultAllow": false}

findings(c) = f if {
	f = check.deny with input as {"keys": [], "containers": [c]}
}

test_allow_public_access_disabled if count(findings(object.union(vault, {"networkDefaultAllow": true}))) == 0

test_allow_firewall_deny_with_allowlist if {
	c := object.union(vault, {"publicNetworkAccess": true, "raw": {"networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "203.0.113.0/24"}]}}})
	count(findings(c)) == 0
}

test_deny_public_and_default_allow if {
	some r in findings(object.union(vault, {"publicNetworkAccess": true, "networkDefaultAllow": true}))
	r.status == "fail"
}

test_deny_allowlist_opens_everything if {
	c := object.union(vault, {"publicNetworkAccess": true, "raw": {"networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "0.0.0.0/0"}]}}})
	count(findings(c)) == 1
}

test_deny_managed_hsm_public if count(findings(object.union(vault, {"kind": "managed-hsm", "publicNetworkAccess": true, "networkDefaultAllow": true}))) == 1

# Trap: bypass=AzureServices is needed by some CMEK consumers.
test_trap_bypass_azure_services if {
	c := object.union(vault, {"publicNetworkAccess": true, "raw": {"networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"}}})
	count(findings(c)) == 0
}

# Trap: vaults without private endpoints are evaluated too (Prowler skips them).
test_deny_without_private_endpoint if count(findings(object.union(vault, {"privateEndpoint": false, "publicNetworkAccess": true, "networkDefaultAllow": true}))) == 1

test_unknown_not_collected if {
	c := object.union(object.remove(vault, ["publicNetworkAccess", "networkDefaultAllow"]), {"unknown": {"networkDefaultAllow": "AuthorizationFailed"}})
	some r in findings(c)
	r.status == "unknown"
	contains(r.reason, "AuthorizationFailed")
}

test_unknown_public_with_firewall_unread if {
	some r in findings(object.union(object.remove(vault, ["networkDefaultAllow"]), {"publicNetworkAccess": true}))
	r.status == "unknown"
}
