package keywarden.checks.deprecated_algorithm_disallowed_test

import rego.v1

import data.keywarden.checks.deprecated_algorithm_disallowed as check

des3 := {"provider": "pkcs11", "id": "p/des3", "keyType": "des3", "spec": "CKK_DES3", "state": "enabled", "hsm": {"class": "CKO_SECRET_KEY", "encrypt": true, "decrypt": true}}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

warnings(k) = f if {
	f = check.warn with input as {"keys": [k]}
}

test_deny_tdea_that_encrypts if count(findings(des3)) == 1

test_trap_decrypt_only_tdea_is_legacy_use if count(findings(object.union(des3, {"hsm": {"encrypt": false, "decrypt": true}}))) == 0

test_deny_cloud_tdea_without_usage_flags if count(findings({"provider": "aws", "id": "x", "keyType": "des3", "state": "enabled"})) == 1

test_deny_sha1_signing if count(findings({"provider": "gcp", "id": "g", "purpose": "sign-verify", "keyType": "rsa", "algorithm": "RSA_SIGN_PKCS1_2048_SHA1", "state": "enabled"})) == 1

test_allow_sha256_signing if count(findings({"provider": "gcp", "id": "g", "purpose": "sign-verify", "keyType": "rsa", "algorithm": "RSA_SIGN_PKCS1_2048_SHA256", "state": "enabled"})) == 0

test_trap_oaep_sha1_is_informational if {
	k := {"provider": "gcp", "id": "g", "purpose": "encrypt-decrypt", "keyType": "rsa", "algorithm": "RSA_DECRYPT_OAEP_2048_SHA1", "state": "enabled"}
	count(findings(k)) == 0
	some w in warnings(k)
	w.severity == "info"
}

test_deny_weak_pkcs11_mechanisms if {
	k := {"provider": "pkcs11", "id": "p/rsa", "keyType": "rsa", "state": "enabled", "hsm": {"class": "CKO_PRIVATE_KEY", "decrypt": true}, "raw": {"allowedMechanisms": ["CKM_RSA_PKCS_OAEP", "CKM_RSA_PKCS", "CKM_SHA1_RSA_PKCS"]}}
	some r in findings(k)
	r.evidence.mechanisms == ["CKM_RSA_PKCS", "CKM_SHA1_RSA_PKCS"]
}

test_allow_modern_mechanisms if count(findings({"provider": "pkcs11", "id": "p", "keyType": "symmetric", "state": "enabled", "raw": {"allowedMechanisms": ["CKM_AES_GCM", "CKM_RSA_PKCS_PSS"]}})) == 0

test_trap_disabled_legacy_key if count(findings(object.union(des3, {"state": "disabled"}))) == 0
