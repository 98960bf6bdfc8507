package keywarden.checks.azure_defender_for_key_vault_test

import rego.v1

import data.keywarden.checks.azure_defender_for_key_vault as check

vault := {"provider": "azure", "account": "sub1", "id": "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1", "name": "kv1", "kind": "key-vault"}

subscription(tier) := {"provider": "azure", "account": "sub1", "id": "/subscriptions/sub1", "name": "prod", "kind": "subscription", "raw": {"pricings": {"value": [
	{"name": "VirtualMachines", "properties": {"pricingTier": "Standard"}},
	{"name": "KeyVaults", "properties": {"pricingTier": tier}},
]}}}

findings(cs) = f if {
	f = check.deny with input as {"keys": [], "containers": cs}
}

test_allow_standard_tier if count(findings([vault, subscription("Standard")])) == 0

test_deny_free_tier if {
	some r in findings([vault, subscription("Free")])
	r.status == "fail"
	r.evidence.pricingTier == "Free"
}

test_allow_normalised_tier if {
	s := object.union(object.remove(subscription("Free"), ["raw"]), {"raw": {"defenderForKeyVault": "Standard"}})
	count(findings([vault, s])) == 0
}

test_unknown_subscription_not_collected if {
	some r in findings([vault])
	r.status == "unknown"
	r.resource.id == "/subscriptions/sub1"
}

test_unknown_pricing_unreadable if {
	s := object.union(object.remove(subscription("Free"), ["raw"]), {"unknown": {"pricings": "AuthorizationFailed: Microsoft.Security/pricings/read"}})
	some r in findings([vault, s])
	contains(r.reason, "AuthorizationFailed")
}

test_allow_subscription_without_vaults if count(findings([subscription("Free")])) == 0

# Trap: organisations with their own detections exempt the subscription (cost decision).
test_trap_exempt_subscription if {
	s := object.union(subscription("Free"), {"tags": {"keywarden-exempt": "azure-defender-for-key-vault"}})
	count(findings([vault, s])) == 0
}
