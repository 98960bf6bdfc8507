package keywarden.checks.p11_allowed_mechanisms_restricted_test

import rego.v1

import data.keywarden.checks.p11_allowed_mechanisms_restricted as check

key := {
	"provider": "pkcs11", "account": "tok", "id": "pkcs11:token=tok;object=aes;type=secret-key", "name": "aes",
	"hsm": {"class": "CKO_SECRET_KEY", "encrypt": true, "decrypt": true, "sign": false, "wrap": false},
	"raw": {"allowedMechanisms": ["CKM_AES_GCM"]},
}

token := {"provider": "pkcs11", "account": "tok", "id": "pkcs11:token=tok", "kind": "pkcs11-token", "raw": {"mechanisms": ["CKM_AES_GCM", "CKM_RSA_PKCS_OAEP"]}}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "containers": [token]}
}

test_allow_approved_mechanisms if count(findings(key)) == 0

test_deny_des3_for_encryption if {
	some r in findings(object.union(key, {"raw": {"allowedMechanisms": ["CKM_AES_GCM", "CKM_DES3_CBC"]}}))
	r.status == "fail"
	r.evidence.deprecated == ["CKM_DES3_CBC (DES / triple DES)"]
}

test_deny_aes_ecb if {
	some r in findings(object.union(key, {"raw": {"allowedMechanisms": ["CKM_AES_ECB"]}}))
	contains(r.msg, "ECB")
}

test_deny_rsa_pkcs1_v15_encryption if {
	k := object.union(key, {"hsm": {"class": "CKO_PUBLIC_KEY", "decrypt": false}, "raw": {"allowedMechanisms": ["CKM_RSA_PKCS"]}})
	some r in findings(k)
	contains(r.msg, "PKCS#1 v1.5")
}

test_deny_sha1_signing if {
	k := object.union(key, {"hsm": {"class": "CKO_PRIVATE_KEY", "encrypt": false, "decrypt": false, "sign": true}, "raw": {"allowedMechanisms": ["CKM_SHA1_RSA_PKCS", "CKM_SHA256_RSA_PKCS"]}})
	some r in findings(k)
	r.evidence.deprecated == ["CKM_SHA1_RSA_PKCS (SHA-1 signature generation)"]
}

# Trap: legacy use (decrypt / verify only) of a deprecated mechanism stays allowed.
test_trap_legacy_decrypt_only_des3 if {
	k := object.union(key, {"hsm": {"encrypt": false, "wrap": false}, "raw": {"allowedMechanisms": ["CKM_DES3_CBC"]}})
	count(findings(k)) == 0
}

test_trap_sha1_verify_only if {
	k := object.union(key, {"hsm": {"class": "CKO_PUBLIC_KEY", "encrypt": false, "decrypt": false, "sign": false, "verify": true}, "raw": {"allowedMechanisms": ["CKM_SHA1_RSA_PKCS"]}})
	count(findings(k)) == 0
}

# Trap: the attribute is optional; absent means unrestricted, an informational note only.
test_trap_absent_attribute_is_informational if {
	rs := findings(object.union(object.remove(key, ["raw"]), {"raw": {}}))
	count(rs) == 1
	some r in rs
	r.severity == "info"
	contains(r.msg, "unrestricted")
}

test_unknown_attribute_unreadable if {
	k := object.union(object.remove(key, ["raw"]), {"unknown": {"raw.allowedMechanisms": "CKR_ATTRIBUTE_TYPE_INVALID"}})
	{r.status | some r in findings(k)} == {"unknown"}
}

test_warn_token_exposes_deprecated_mechanisms if {
	t := object.union(token, {"raw": {"mechanisms": ["CKM_AES_GCM", "CKM_DES3_ECB", "CKM_MD5_RSA_PKCS"]}})
	w := check.warn with input as {"keys": [], "containers": [t]}
	some r in w
	r.severity == "low"
	count(r.evidence.deprecated) == 2
}

test_allow_token_without_deprecated_mechanisms if count(check.warn) == 0 with input as {"keys": [], "containers": [token]}
