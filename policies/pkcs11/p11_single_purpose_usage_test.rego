package keywarden.checks.p11_single_purpose_usage_test

import rego.v1

import data.keywarden.checks.p11_single_purpose_usage as check

key := {
	"provider": "pkcs11", "account": "tok", "id": "pkcs11:token=tok;object=aes;type=secret-key", "name": "aes",
	"hsm": {"class": "CKO_SECRET_KEY", "encrypt": true, "decrypt": true, "sign": false, "verify": false, "wrap": false, "unwrap": false, "derive": false},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k]}
}

test_allow_encrypt_decrypt_only if count(findings(key)) == 0

test_allow_wrap_unwrap_only if count(findings(object.union(key, {"hsm": {"encrypt": false, "decrypt": false, "wrap": true, "unwrap": true}}))) == 0

test_allow_mac_sign_verify if count(findings(object.union(key, {"hsm": {"encrypt": false, "decrypt": false, "sign": true, "verify": true}}))) == 0

test_deny_wrap_and_decrypt if {
	some r in findings(object.union(key, {"hsm": {"encrypt": false, "wrap": true}}))
	r.status == "fail"
	r.evidence.conflicts == ["wrapping with encryption"]
}

test_deny_encrypt_and_sign if {
	some r in findings(object.union(key, {"hsm": {"sign": true}}))
	r.evidence.conflicts == ["encryption with signing"]
}

test_deny_private_key_decrypt_and_sign if {
	k := object.union(key, {"hsm": {"class": "CKO_PRIVATE_KEY", "encrypt": false, "sign": true}})
	count(findings(k)) == 1
}

# Trap: DERIVE next to another purpose (KDF designs) is allowed.
test_trap_derive_with_encrypt if count(findings(object.union(key, {"hsm": {"derive": true}}))) == 0

test_trap_documented_exception if {
	k := object.union(key, {"tags": {"keywarden-exempt": "p11-single-purpose-usage"}, "hsm": {"wrap": true}})
	count(findings(k)) == 0
}

test_unknown_flags_not_readable if {
	k := object.union(key, {"hsm": {"class": "CKO_SECRET_KEY"}, "unknown": {"hsm.sign": "CKR_ATTRIBUTE_TYPE_INVALID"}})
	some r in findings(object.union(object.remove(k, ["hsm"]), {"hsm": {"class": "CKO_SECRET_KEY", "encrypt": true}}))
	r.status == "unknown"
}

test_unknown_no_flags_returned if {
	some r in findings(object.union(object.remove(key, ["hsm"]), {"hsm": {"class": "CKO_SECRET_KEY"}}))
	r.status == "unknown"
}

test_fail_wins_over_unknown_flags if {
	k := object.union(key, {"hsm": {"wrap": true}, "unknown": {"hsm.sign": "CKR_ATTRIBUTE_TYPE_INVALID"}})
	{r.status | some r in findings(k)} == {"fail"}
}
