package keywarden.checks.symmetric_min_key_length_test

import rego.v1

import data.keywarden.checks.symmetric_min_key_length as check

aes(bits) := {"provider": "azure", "id": "mhsm/token-aes128", "keyType": "symmetric", "spec": "oct-HSM", "sizeBits": bits, "state": "enabled"}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_trap_aes128_meets_cis if count(findings(aes(128))) == 0

test_deny_aes128_under_pci if {
	count(check.deny) == 1 with input as {"keys": [aes(128)]} with data.keywarden.thresholds as {"symmetricMinBits": 256}
}

test_deny_short_aes if count(findings(aes(64))) == 1

test_deny_short_hmac if count(findings({"provider": "pkcs11", "id": "m", "keyType": "hmac", "sizeBits": 80, "state": "enabled"})) == 1

test_allow_hmac_224_from_spec if count(findings({"provider": "aws", "id": "m", "keyType": "hmac", "spec": "HMAC_224", "state": "enabled"})) == 0

test_trap_symmetric_default_is_skipped if count(findings({"provider": "aws", "id": "s", "keyType": "symmetric", "spec": "SYMMETRIC_DEFAULT", "sizeBits": 0, "state": "enabled"})) == 0

test_trap_tdea_is_the_type_checks_business if count(findings({"provider": "pkcs11", "id": "d", "keyType": "des3", "sizeBits": 112, "state": "enabled"})) == 0
