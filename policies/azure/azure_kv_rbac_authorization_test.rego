package keywarden.checks.azure_kv_rbac_authorization_test

import rego.v1

import data.keywarden.checks.azure_kv_rbac_authorization as check

vault := {"provider": "azure", "account": "sub1", "id": "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1", "name": "kv1", "kind": "key-vault", "rbacAuthorization": true}

findings(c) = f if {
	f = check.deny with input as {"keys": [], "containers": [c]}
}

test_allow_rbac_vault if count(findings(vault)) == 0

test_deny_access_policy_vault if {
	some r in findings(object.union(vault, {"rbacAuthorization": false, "raw": {"accessPolicies": [{"objectId": "x", "permissions": {"keys": ["all"]}}]}}))
	r.status == "fail"
	r.evidence.accessPolicies == 1
}

test_unknown_when_not_collected if {
	some r in findings(object.remove(vault, ["rbacAuthorization"]))
	r.status == "unknown"
}

test_unknown_with_reason if {
	some r in findings(object.union(object.remove(vault, ["rbacAuthorization"]), {"unknown": {"rbacAuthorization": "AuthorizationFailed: Microsoft.KeyVault/vaults/read"}}))
	contains(r.reason, "AuthorizationFailed")
}

test_trap_managed_hsm_out_of_scope if count(findings(object.union(vault, {"kind": "managed-hsm", "rbacAuthorization": false}))) == 0

test_trap_other_provider_container if count(findings(object.union(vault, {"provider": "gcp", "kind": "key-ring", "rbacAuthorization": false}))) == 0
