package keywarden.checks.azure_kv_vnet_service_endpoint_test

import rego.v1

import data.keywarden.checks.azure_kv_vnet_service_endpoint as check

vault := {
	"provider": "azure", "account": "sub1", "id": "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1", "name": "kv1", "kind": "key-vault",
	"publicNetworkAccess": true, "networkDefaultAllow": false,
	"raw": {"networkAcls": {"defaultAction": "Deny", "virtualNetworkRules": [{"id": "/subscriptions/sub1/.../subnets/app"}]}},
}

findings(c) = f if {
	f = check.deny with input as {"keys": [], "containers": [c]}
}

test_allow_vnet_rules if count(findings(vault)) == 0

test_deny_open_public_endpoint if count(findings(object.union(vault, {"networkDefaultAllow": true}))) == 1

test_deny_firewall_without_vnet_rule if {
	c := object.union(object.remove(vault, ["raw"]), {"raw": {"networkAcls": {"defaultAction": "Deny", "virtualNetworkRules": []}}})
	some r in findings(c)
	contains(r.msg, "no virtual-network rule")
}

# Trap: private-endpoint-only vaults satisfy the intent without service endpoints.
test_trap_private_endpoint_only if count(findings(object.union(object.remove(vault, ["raw"]), {"publicNetworkAccess": false, "privateEndpoint": true}))) == 0

test_trap_managed_hsm_out_of_scope if count(findings(object.union(vault, {"kind": "managed-hsm", "networkDefaultAllow": true}))) == 0

test_unknown_rules_not_collected if {
	some r in findings(object.remove(vault, ["raw"]))
	r.status == "unknown"
}

test_unknown_public_access_unread if {
	some r in findings(object.union(object.remove(vault, ["publicNetworkAccess"]), {"unknown": {"publicNetworkAccess": "AuthorizationFailed"}}))
	contains(r.reason, "AuthorizationFailed")
}
