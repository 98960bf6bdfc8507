package keywarden.checks.p11_token_access_hygiene_test

import rego.v1

import data.keywarden.checks.p11_token_access_hygiene as check

token := {
	"provider": "pkcs11", "account": "tok", "id": "pkcs11:token=tok", "name": "tok", "kind": "pkcs11-token",
	"token": {"label": "tok", "flags": ["CKF_LOGIN_REQUIRED", "CKF_USER_PIN_INITIALIZED", "CKF_TOKEN_INITIALIZED"]},
}

key := {
	"provider": "pkcs11", "account": "tok", "container": "pkcs11:token=tok", "id": "pkcs11:token=tok;object=aes;type=secret-key", "name": "aes",
	"hsm": {"class": "CKO_SECRET_KEY", "private": true, "token": true},
}

findings(ks, cs) = f if {
	f = check.deny with input as {"keys": ks, "containers": cs}
}

test_allow_private_keys_on_login_token if count(findings([key], [token])) == 0

test_deny_secret_key_not_private if {
	some r in findings([object.union(key, {"hsm": {"private": false}})], [token])
	contains(r.msg, "CKA_PRIVATE=FALSE")
}

test_deny_session_object if {
	some r in findings([object.union(key, {"hsm": {"token": false}})], [token])
	contains(r.msg, "session object")
}

test_deny_login_not_required if {
	t := object.union(token, {"token": {"flags": ["CKF_TOKEN_INITIALIZED"]}})
	some r in findings([], [t])
	contains(r.msg, "CKF_LOGIN_REQUIRED")
}

test_deny_pin_final_try if {
	t := object.union(token, {"token": {"flags": ["CKF_LOGIN_REQUIRED", "CKF_USER_PIN_FINAL_TRY"]}})
	some r in findings([], [t])
	contains(r.msg, "CKF_USER_PIN_FINAL_TRY")
}

test_deny_so_pin_locked if {
	t := object.union(token, {"token": {"flags": ["CKF_LOGIN_REQUIRED", "CKF_SO_PIN_LOCKED"]}})
	count(findings([], [t])) == 1
}

# Trap: public keys are legitimately visible without login.
test_trap_public_key_not_private if count(findings([object.union(key, {"hsm": {"class": "CKO_PUBLIC_KEY", "private": false}})], [token])) == 0

# Trap: a scan without login sees no private objects: the token is unknown, not clean.
test_unknown_scanner_not_logged_in if {
	t := object.union(token, {"raw": {"loggedIn": false}})
	some r in findings([], [t])
	r.status == "unknown"
	contains(r.reason, "did not log in")
}

test_unknown_flags_not_read if {
	t := object.union(object.remove(token, ["token"]), {"unknown": {"token": "CKR_DEVICE_ERROR on C_GetTokenInfo"}})
	some r in findings([], [t])
	contains(r.reason, "CKR_DEVICE_ERROR")
}

test_unknown_private_attribute_unreadable if {
	k := object.union(object.remove(key, ["hsm"]), {"hsm": {"class": "CKO_SECRET_KEY"}, "unknown": {"hsm.private": "CKR_ATTRIBUTE_TYPE_INVALID"}})
	some r in findings([k], [token])
	r.status == "unknown"
}
