package keywarden.checks.p11_keys_not_extractable_test

import rego.v1

import data.keywarden.checks.p11_keys_not_extractable as check

key := {
	"provider": "pkcs11", "account": "tok", "id": "pkcs11:token=tok;object=kek;type=secret-key", "name": "kek",
	"hsm": {"class": "CKO_SECRET_KEY", "keyType": "CKK_AES", "sensitive": true, "extractable": false},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k]}
}

test_allow_not_extractable if count(findings(key)) == 0

test_deny_extractable_without_wrap_with_trusted if {
	some r in findings(object.union(key, {"hsm": {"extractable": true, "wrapWithTrusted": false}}))
	r.status == "fail"
}

test_deny_extractable_private_key if {
	some r in findings(object.union(key, {"hsm": {"class": "CKO_PRIVATE_KEY", "extractable": true, "wrapWithTrusted": false}}))
	r.status == "fail"
}

test_allow_extractable_with_wrap_with_trusted if count(findings(object.union(key, {"hsm": {"extractable": true, "wrapWithTrusted": true}}))) == 0

# Trap: keys meant for backup or cloning, documented as an exception.
test_trap_backup_key_exempted if {
	k := object.union(key, {"tags": {"keywarden-exempt": "p11-keys-not-extractable"}, "hsm": {"extractable": true, "wrapWithTrusted": false}})
	count(findings(k)) == 0
}

test_trap_public_key if count(findings(object.union(key, {"hsm": {"class": "CKO_PUBLIC_KEY", "extractable": true}}))) == 0

test_unknown_extractable_not_returned if {
	{r.status | some r in findings(object.union(object.remove(key, ["hsm"]), {"hsm": object.remove(key.hsm, ["extractable"])}))} == {"unknown"}
}

test_unknown_wrap_with_trusted_absent_on_older_token if {
	k := object.union(key, {"hsm": {"extractable": true}, "unknown": {"hsm.wrapWithTrusted": "CKR_ATTRIBUTE_TYPE_INVALID"}})
	some r in findings(k)
	r.status == "unknown"
	contains(r.reason, "CKR_ATTRIBUTE_TYPE_INVALID")
}
