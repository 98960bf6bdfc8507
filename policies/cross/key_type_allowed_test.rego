package keywarden.checks.key_type_allowed_test

import rego.v1

import data.keywarden.checks.key_type_allowed as check

des3 := {"provider": "pkcs11", "id": "pkcs11:object=des3-legacy", "keyType": "des3", "spec": "CKK_DES3", "state": "enabled"}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_tdea if count(findings(des3)) == 1

test_allow_aes_rsa_ec_hmac if {
	every t in ["symmetric", "rsa", "ec", "hmac"] {
		count(findings(object.union(des3, {"keyType": t}))) == 0
	}
}

test_trap_oct_in_managed_hsm if count(findings({"provider": "azure", "id": "mhsm/pin", "keyType": "symmetric", "spec": "oct-HSM", "state": "enabled"})) == 0

test_trap_gcp_external_symmetric if count(findings({"provider": "gcp", "id": "ekm", "keyType": "symmetric", "spec": "EXTERNAL_SYMMETRIC_ENCRYPTION", "state": "enabled"})) == 0

test_trap_disabled_legacy_key if count(findings(object.union(des3, {"state": "disabled"}))) == 0

test_exemption if count(findings(object.union(des3, {"tags": {"keywarden-exempt": "key-type-allowed"}}))) == 0

test_custom_allowlist if {
	count(check.deny) == 1 with input as {"keys": [object.union(des3, {"keyType": "ec"})]} with data.keywarden.thresholds as {"allowedKeyTypes": ["rsa"]}
}
