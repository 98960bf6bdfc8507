package keywarden.checks.p11_attributes_locked_test

import rego.v1

import data.keywarden.checks.p11_attributes_locked as check

key := {
	"provider": "pkcs11", "account": "tok", "id": "pkcs11:token=tok;object=aes;type=secret-key", "name": "aes",
	"hsm": {"class": "CKO_SECRET_KEY", "modifiable": false, "copyable": false, "destroyable": true},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k]}
}

test_allow_locked_key if count(findings(key)) == 0

test_deny_modifiable if {
	some r in findings(object.union(key, {"hsm": {"modifiable": true}}))
	contains(r.msg, "CKA_MODIFIABLE")
}

test_deny_copyable if {
	some r in findings(object.union(key, {"hsm": {"copyable": true}}))
	contains(r.msg, "CKA_COPYABLE")
}

test_deny_destroyable_when_profile_requires if {
	f := check.deny with input as {"keys": [key]} with data.keywarden.thresholds as {"p11RequireNotDestroyable": true}
	some r in f
	contains(r.msg, "CKA_DESTROYABLE")
}

# Trap: older tokens (< v2.40) lack CKA_COPYABLE/CKA_DESTROYABLE: unknown, never pass.
test_trap_old_token_copyable_unknown if {
	k := object.union(object.remove(key, ["hsm"]), {"hsm": object.remove(key.hsm, ["copyable", "destroyable"]), "unknown": {"hsm.copyable": "CKR_ATTRIBUTE_TYPE_INVALID (token < v2.40)"}})
	rs := findings(k)
	{r.status | some r in rs} == {"unknown"}
	some r in rs
	contains(r.reason, "v2.40")
}

test_trap_old_token_attribute_silently_absent if {
	k := object.union(object.remove(key, ["hsm"]), {"hsm": object.remove(key.hsm, ["copyable"])})
	{r.status | some r in findings(k)} == {"unknown"}
}

test_trap_destroyable_absent_not_required if count(findings(object.union(object.remove(key, ["hsm"]), {"hsm": object.remove(key.hsm, ["destroyable"])}))) == 0

test_trap_public_key if count(findings(object.union(key, {"hsm": {"class": "CKO_PUBLIC_KEY", "modifiable": true}}))) == 0

test_trap_development_key if count(findings(object.union(key, {"tags": {"environment": "development"}, "hsm": {"modifiable": true}}))) == 0
