package keywarden.checks.ec_curve_allowed_test

import rego.v1

import data.keywarden.checks.ec_curve_allowed as check

ec(fields) := object.union({"provider": "aws", "id": "e", "keyType": "ec", "state": "enabled"}, fields)

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_azure_p256k if count(findings(ec({"provider": "azure", "spec": "EC", "curve": "P-256K"}))) == 1

test_deny_gcp_secp256k1 if count(findings(ec({"provider": "gcp", "algorithm": "EC_SIGN_SECP256K1_SHA256", "curve": "secp256k1"}))) == 1

test_deny_aws_secg if count(findings(ec({"spec": "ECC_SECG_P256K1"}))) == 1

test_allow_nist_curves if {
	count(findings(ec({"spec": "ECC_NIST_P256"}))) == 0
	count(findings(ec({"provider": "gcp", "algorithm": "EC_SIGN_P384_SHA384"}))) == 0
	count(findings(ec({"provider": "azure", "curve": "P-521"}))) == 0
	count(findings(ec({"provider": "pkcs11", "curve": "1.2.840.10045.3.1.7"}))) == 0
}

test_trap_blockchain_exception if count(findings(ec({"spec": "ECC_SECG_P256K1", "tags": {"keywarden-exempt": "ec-curve-allowed"}}))) == 0

test_unknown_curve if {
	some r in findings(ec({"spec": "EC"}))
	r.status == "unknown"
}

test_custom_list_allows_secp256k1 if {
	count(check.deny) == 0 with input as {"keys": [ec({"spec": "ECC_SECG_P256K1"})]} with data.keywarden.thresholds as {"allowedCurves": ["P-256", "secp256k1"]}
}
