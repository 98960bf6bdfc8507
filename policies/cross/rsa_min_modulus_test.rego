package keywarden.checks.rsa_min_modulus_test

import rego.v1

import data.keywarden.checks.rsa_min_modulus as check

rsa := {"provider": "azure", "id": "kv/legacy-rsa-1024", "keyType": "rsa", "spec": "RSA", "sizeBits": 1024, "state": "enabled"}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_1024 if count(findings(rsa)) == 1

test_allow_2048_under_cis if count(findings(object.union(rsa, {"sizeBits": 2048}))) == 0

test_pci_profile_requires_3072 if {
	count(check.deny) == 1 with input as {"keys": [object.union(rsa, {"sizeBits": 2048})]} with data.keywarden.thresholds as {"rsaMinBits": 3072}
}

test_size_from_gcp_algorithm if {
	count(findings({"provider": "gcp", "id": "g", "keyType": "rsa", "algorithm": "RSA_SIGN_PSS_2048_SHA256", "state": "enabled"})) == 0
	count(check.deny) == 1 with input as {"keys": [{"provider": "gcp", "id": "g", "keyType": "rsa", "algorithm": "RSA_SIGN_PSS_2048_SHA256", "state": "enabled"}]} with data.keywarden.thresholds as {"rsaMinBits": 3072}
}

test_unknown_size if {
	some r in findings(object.remove(rsa, ["sizeBits"]))
	r.status == "unknown"
}

test_trap_ec_keys_out_of_scope if count(findings({"provider": "aws", "id": "e", "keyType": "ec", "spec": "ECC_NIST_P256", "state": "enabled"})) == 0
