package keywarden.checks.azure_kv_soft_delete_purge_protection_test

import rego.v1

import data.keywarden.checks.azure_kv_soft_delete_purge_protection as check

vault := {
	"provider": "azure", "account": "sub1", "id": "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1", "name": "kv1",
	"kind": "key-vault", "softDelete": true, "softDeleteRetentionDays": 90, "purgeProtection": true,
}

findings(c) = f if {
	f = check.deny with input as {"keys": [], "containers": [c]}
}

test_allow_recoverable_vault if count(findings(vault)) == 0

test_deny_purge_protection_off if {
	some r in findings(object.union(vault, {"purgeProtection": false}))
	contains(r.msg, "purge protection")
}

test_deny_purge_protection_null if count(findings(object.remove(vault, ["purgeProtection"]))) == 1

test_deny_soft_delete_explicitly_off if {
	some r in findings(object.union(vault, {"softDelete": false}))
	contains(r.msg, "soft delete")
}

test_deny_short_retention if {
	c := object.union(vault, {"softDeleteRetentionDays": 7})
	f := check.deny with input as {"keys": [], "containers": [c]} with data.keywarden.thresholds as {"softDeleteMinRetentionDays": 30}
	some r in f
	r.evidence.minimum == 30
}

test_deny_managed_hsm_without_purge_protection if count(findings(object.union(vault, {"kind": "managed-hsm", "purgeProtection": false}))) == 1

# Trap: a missing enableSoftDelete means on for API versions from 2019-09-01.
test_trap_soft_delete_missing_means_on if count(findings(object.remove(vault, ["softDelete"]))) == 0

# Trap: createMode=recover is transient.
test_trap_create_mode_recover if count(findings(object.union(vault, {"purgeProtection": false, "raw": {"createMode": "recover"}}))) == 0

test_unknown_purge_protection_unreadable if {
	c := object.union(object.remove(vault, ["purgeProtection"]), {"unknown": {"purgeProtection": "AuthorizationFailed"}})
	{r.status | some r in findings(c)} == {"unknown"}
}
