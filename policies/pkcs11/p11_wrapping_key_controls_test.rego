package keywarden.checks.p11_wrapping_key_controls_test

import rego.v1

import data.keywarden.checks.p11_wrapping_key_controls as check

tok := "pkcs11:token=tok"

kek := {
	"provider": "pkcs11", "account": "tok", "container": tok, "id": "pkcs11:token=tok;object=kek;type=secret-key", "name": "kek",
	"keyType": "symmetric", "sizeBits": 256,
	"hsm": {"class": "CKO_SECRET_KEY", "label": "kek", "wrap": true, "unwrap": true, "trusted": true, "extractable": false},
}

exportable := {
	"provider": "pkcs11", "account": "tok", "container": tok, "id": "pkcs11:token=tok;object=dek;type=secret-key", "name": "dek",
	"keyType": "symmetric", "sizeBits": 128,
	"hsm": {"class": "CKO_SECRET_KEY", "label": "dek", "wrap": false, "trusted": false, "extractable": true, "wrapWithTrusted": true},
}

findings(ks) = f if {
	f = check.deny with input as {"keys": ks}
}

test_allow_strong_kek if count(findings([kek, exportable])) == 0

test_deny_weak_kek_can_export_stronger_key if {
	weak := object.union(kek, {"sizeBits": 128})
	strong := object.union(exportable, {"keyType": "ec", "sizeBits": 384, "hsm": {"class": "CKO_PRIVATE_KEY"}})
	some r in findings([weak, strong])
	r.evidence.wrappedStrength == 192
}

test_deny_aes128_wrapping_aes256 if {
	some r in findings([object.union(kek, {"sizeBits": 128}), object.union(exportable, {"sizeBits": 256})])
	r.evidence.wrappingStrength == 128
}

test_deny_rsa2048_kek_wrapping_aes256 if {
	k := object.union(kek, {"keyType": "rsa", "sizeBits": 2048, "hsm": {"class": "CKO_PUBLIC_KEY"}})
	some r in findings([k, object.union(exportable, {"sizeBits": 256})])
	r.evidence.wrappingStrength == 112
}

test_deny_trusted_key_that_cannot_wrap if {
	some r in findings([object.union(exportable, {"hsm": {"trusted": true}})])
	contains(r.msg, "cannot wrap")
}

test_deny_wrap_on_undesignated_key_when_list_configured if {
	other := object.union(exportable, {"hsm": {"wrap": true}})
	f := check.deny with input as {"keys": [kek, other]} with data.keywarden.thresholds as {"p11DesignatedKeks": ["kek"]}
	count(f) == 1
	some r in f
	contains(r.msg, "not a designated KEK")
}

test_allow_designated_kek if {
	f := check.deny with input as {"keys": [kek]} with data.keywarden.thresholds as {"p11DesignatedKeks": ["kek"]}
	count(f) == 0
}

# Trap: a stronger key on another token is not exportable by this KEK.
test_trap_key_on_other_token if {
	other := object.union(exportable, {"container": "pkcs11:token=other", "sizeBits": 256})
	count(findings([object.union(kek, {"sizeBits": 128}), other])) == 0
}

# Trap: non-extractable keys cannot be wrapped out, whatever their strength.
test_trap_non_extractable_stronger_key if {
	count(findings([object.union(kek, {"sizeBits": 128}), object.union(exportable, {"sizeBits": 256, "hsm": {"extractable": false}})])) == 0
}

test_unknown_kek_size_not_read if {
	k := object.remove(kek, ["sizeBits"])
	some r in findings([k, exportable])
	r.status == "unknown"
}
