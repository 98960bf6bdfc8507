package keywarden.checks.p11_secret_private_keys_sensitive_test

import rego.v1

import data.keywarden.checks.p11_secret_private_keys_sensitive as check

key := {
	"provider": "pkcs11", "account": "tok", "id": "pkcs11:token=tok;object=aes;type=secret-key", "name": "aes",
	"keyType": "symmetric", "sizeBits": 256,
	"hsm": {"class": "CKO_SECRET_KEY", "keyType": "CKK_AES", "sensitive": true, "extractable": false},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k]}
}

test_allow_sensitive_secret_key if count(findings(key)) == 0

test_deny_secret_key_not_sensitive if {
	some r in findings(object.union(key, {"hsm": {"sensitive": false}}))
	r.status == "fail"
}

test_deny_private_key_not_sensitive if {
	some r in findings(object.union(key, {"keyType": "rsa", "hsm": {"class": "CKO_PRIVATE_KEY", "sensitive": false}}))
	contains(r.msg, "CKO_PRIVATE_KEY")
}

# Traps: public keys and certificates have no CKA_SENSITIVE.
test_trap_public_key_without_sensitive if {
	k := object.union(key, {"keyType": "rsa", "hsm": {"class": "CKO_PUBLIC_KEY", "keyType": "CKK_RSA", "verify": true}})
	count(findings(object.union(object.remove(k, ["hsm"]), {"hsm": object.remove(k.hsm, ["sensitive"])}))) == 0
}

test_trap_certificate if count(findings(object.union(key, {"hsm": {"class": "CKO_CERTIFICATE", "sensitive": false}}))) == 0

# Trap: CKR_ATTRIBUTE_SENSITIVE on the value read is expected and does not matter here.
test_trap_value_unreadable_is_expected if count(findings(object.union(key, {"unknown": {"hsm.value": "CKR_ATTRIBUTE_SENSITIVE"}}))) == 0

# Attributes absent on older tokens: unknown, never pass.
test_unknown_when_sensitive_not_returned if {
	k := object.union(object.remove(key, ["hsm"]), {"hsm": object.remove(key.hsm, ["sensitive"])})
	{r.status | some r in findings(k)} == {"unknown"}
}

test_unknown_with_token_reason if {
	k := object.union(object.remove(key, ["hsm"]), {"hsm": object.remove(key.hsm, ["sensitive"]), "unknown": {"hsm.sensitive": "CKR_ATTRIBUTE_TYPE_INVALID"}})
	some r in findings(k)
	contains(r.reason, "CKR_ATTRIBUTE_TYPE_INVALID")
}

test_unknown_when_class_not_read if {
	k := object.union(object.remove(key, ["hsm"]), {"unknown": {"hsm": "CKR_USER_NOT_LOGGED_IN"}})
	some r in findings(k)
	r.status == "unknown"
	contains(r.reason, "CKR_USER_NOT_LOGGED_IN")
}

test_allow_exempt if count(findings(object.union(key, {"tags": {"keywarden-exempt": "p11-secret-private-keys-sensitive"}, "hsm": {"sensitive": false}}))) == 0
