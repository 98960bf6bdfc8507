package keywarden.checks.key_manual_rotation_age_test

import rego.v1

import data.keywarden.checks.key_manual_rotation_age as check

hmac := {"provider": "aws", "account": "1", "region": "eu-west-1", "id": "arn:k/mac", "name": "alias/webhook-mac", "aliases": ["alias/webhook-mac"], "manager": "customer", "keyType": "hmac", "spec": "HMAC_256", "state": "enabled", "createdAt": "2024-05-15T00:00:00Z", "rotation": {"supported": false}}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_old_hmac_key if {
	some r in findings(hmac)
	r.evidence.ageDays == 900
}

test_allow_young_key if count(findings(object.union(hmac, {"createdAt": "2026-06-01T00:00:00Z"}))) == 0

test_deny_old_pkcs11_object if {
	k := {"provider": "pkcs11", "account": "hsm", "id": "pkcs11:object=des3", "keyType": "des3", "state": "enabled", "hsm": {"class": "CKO_SECRET_KEY", "startDate": "2021-05-11"}}
	count(findings(k)) == 1
}

test_trap_public_verification_key_lives_longer if {
	k := {"provider": "pkcs11", "account": "hsm", "id": "pkcs11:object=pub", "keyType": "rsa", "state": "enabled", "createdAt": "2024-06-01T00:00:00Z", "hsm": {"class": "CKO_PUBLIC_KEY"}}
	count(findings(k)) == 0
	count(findings(object.union(k, {"hsm": {"class": "CKO_PRIVATE_KEY"}}))) == 1
}

test_trap_alias_repointed_to_new_key if {
	newer := object.union(hmac, {"id": "arn:k/mac2", "createdAt": "2026-09-01T00:00:00Z"})
	count(check.deny) == 0 with input as {"keys": [hmac, newer], "now": "2026-11-01T00:00:00Z"}
}

test_trap_auto_rotating_key_is_out_of_scope if count(findings(object.union(hmac, {"keyType": "symmetric", "spec": "SYMMETRIC_DEFAULT", "rotation": {"supported": true, "enabled": false}}))) == 0

test_trap_certificate_managed_azure_key if count(findings({"provider": "azure", "id": "kv/web-tls", "state": "enabled", "createdAt": "2020-01-01T00:00:00Z", "rotation": {"supported": false}, "raw": {"managed": true}})) == 0

test_trap_unknown_rotation_support_is_left_to_the_rotation_check if count(findings({"provider": "azure", "id": "kv/orders", "state": "enabled", "createdAt": "2020-01-01T00:00:00Z", "unknown": {"rotation": "Unreachable"}})) == 0

test_rotation_history_counts if count(findings(object.union(hmac, {"lastRotatedAt": "2026-05-01T00:00:00Z"}))) == 0

test_unknown_without_dates if {
	some r in findings(object.union(object.remove(hmac, ["createdAt"]), {"unknown": {"createdAt": "AccessDenied"}}))
	r.status == "unknown"
}

test_profile_threshold if {
	count(check.deny) == 0 with input as {"keys": [hmac], "now": "2026-11-01T00:00:00Z"} with data.keywarden.thresholds as {"manualRotationMaxDays": 1000}
}
