package keywarden.checks.kms_admin_usage_separation_test

import rego.v1

import data.keywarden.checks.kms_admin_usage_separation as check

admin := {"effect": "allow", "principals": ["user:ops-admin@acme.example"], "actions": ["roles/cloudkms.admin"], "source": "iam-binding"}

user := {"effect": "allow", "principals": ["user:ops-admin@acme.example"], "actions": ["roles/cloudkms.cryptoKeyEncrypterDecrypter"], "source": "iam-binding"}

gcp(access) := {"provider": "gcp", "id": "projects/p/locations/l/keyRings/r/cryptoKeys/k", "state": "enabled", "access": access}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_admin_and_user if count(findings(gcp([admin, user]))) == 1

test_trap_binding_order_does_not_matter if count(findings(gcp([user, admin]))) == 1

test_deny_when_admin_is_inherited_from_key_ring if {
	inherited := object.union(admin, {"source": "inherited", "scope": "projects/p/locations/l/keyRings/r"})
	count(findings(gcp([user, inherited]))) == 1
}

test_allow_separate_principals if count(findings(gcp([admin, object.union(user, {"principals": ["group:apps@acme.example"]})]))) == 0

test_trap_break_glass_allowlisted if {
	count(check.deny) == 0 with input as {"keys": [gcp([admin, user])]} with data.keywarden.thresholds as {"breakGlassPrincipals": ["user:ops-admin@acme.example"]}
}

test_deny_aws_principal_with_kms_star if {
	k := {"provider": "aws", "id": "arn:k", "state": "enabled", "access": [{"effect": "allow", "principals": ["arn:aws:iam::111122223333:role/ops"], "actions": ["kms:*"], "source": "key-policy"}]}
	count(findings(k)) == 1
}

test_trap_aws_root_statement if {
	k := {"provider": "aws", "id": "arn:k", "state": "enabled", "access": [{"effect": "allow", "principals": ["arn:aws:iam::111122223333:root"], "actions": ["kms:*"], "source": "key-policy"}]}
	count(findings(k)) == 0
}

test_deny_azure_access_policy if {
	k := {"provider": "azure", "id": "kv/k", "state": "enabled", "access": [{"effect": "allow", "principals": ["obj-1"], "actions": ["get", "create", "delete", "decrypt", "unwrapKey"], "source": "vault-access-policy"}]}
	count(findings(k)) == 1
}

test_trap_deny_statement_grants_nothing if {
	k := {"provider": "aws", "id": "arn:k", "state": "enabled", "access": [{"effect": "deny", "principals": ["arn:aws:iam::1:role/x"], "actions": ["kms:*"]}]}
	count(findings(k)) == 0
}
