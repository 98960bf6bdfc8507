package keywarden.checks.p11_key_provenance_test

import rego.v1

import data.keywarden.checks.p11_key_provenance as check

key := {
	"provider": "pkcs11", "account": "tok", "id": "pkcs11:token=tok;object=aes;type=secret-key", "name": "aes", "origin": "hsm",
	"hsm": {"class": "CKO_SECRET_KEY", "sensitive": true, "alwaysSensitive": true, "extractable": false, "neverExtractable": true, "local": true},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k]}
}

test_allow_generated_on_token if count(findings(key)) == 0

test_deny_not_always_sensitive if {
	some r in findings(object.union(key, {"hsm": {"alwaysSensitive": false}}))
	contains(r.msg, "CKA_ALWAYS_SENSITIVE")
}

test_deny_not_never_extractable if {
	some r in findings(object.union(key, {"hsm": {"neverExtractable": false}}))
	contains(r.msg, "CKA_NEVER_EXTRACTABLE")
}

# Trap: imported (BYOK) keys are legitimately CKA_LOCAL=FALSE with no history.
test_trap_imported_key if {
	k := object.union(key, {"origin": "imported", "hsm": {"local": false, "alwaysSensitive": false, "neverExtractable": false}})
	count(findings(k)) == 0
}

test_trap_non_local_key_by_attribute if {
	k := object.union(key, {"hsm": {"local": false, "alwaysSensitive": false, "neverExtractable": false}})
	count(findings(k)) == 0
}

test_deny_undeclared_import_when_local_required if {
	k := object.union(key, {"hsm": {"local": false}})
	f := check.deny with input as {"keys": [k]} with data.keywarden.thresholds as {"p11RequireLocal": true}
	some r in f
	contains(r.msg, "CKA_LOCAL=FALSE")
}

test_allow_declared_import_when_local_required if {
	k := object.union(key, {"tags": {"provenance": "byok-ceremony-2026"}, "hsm": {"local": false, "alwaysSensitive": false}})
	f := check.deny with input as {"keys": [k]} with data.keywarden.thresholds as {"p11RequireLocal": true}
	count(f) == 0
}

test_trap_public_key if count(findings(object.union(key, {"hsm": {"class": "CKO_PUBLIC_KEY", "alwaysSensitive": false}}))) == 0

test_unknown_history_absent_on_older_token if {
	k := object.union(object.remove(key, ["hsm"]), {"hsm": object.remove(key.hsm, ["alwaysSensitive"]), "unknown": {"hsm.alwaysSensitive": "CKR_ATTRIBUTE_TYPE_INVALID"}})
	{r.status | some r in findings(k)} == {"unknown"}
}

test_unknown_history_not_returned if {
	k := object.union(object.remove(key, ["hsm"]), {"hsm": object.remove(key.hsm, ["neverExtractable"])})
	some r in findings(k)
	contains(r.reason, "CKA_NEVER_EXTRACTABLE")
}
