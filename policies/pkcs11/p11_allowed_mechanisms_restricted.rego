# METADATA
# title: "PKCS#11 keys are limited to approved mechanisms"
# description: >-
#   A key's CKA_ALLOWED_MECHANISMS (collected as raw.allowedMechanisms) names no deprecated mechanism for
#   applying protection: DES and triple DES, RC2/RC4, RSA PKCS#1 v1.5 encryption (CKM_RSA_PKCS on a key
#   that encrypts or wraps), SHA-1 or MD5 signature generation, ECB modes for confidentiality. Legacy
#   use (decrypt, unwrap or verify only) stays allowed, as SP 800-131A allows it. The attribute is
#   optional: without it every mechanism the token offers is allowed, which is reported as an
#   informational "unrestricted" note, not a violation. When the token's mechanism list was collected
#   (container raw.mechanisms), disallowed mechanisms the token exposes are reported on the token.
# related_resources:
#   - ref: https://docs.oasis-open.org/pkcs11/pkcs11-spec/v3.1/os/pkcs11-spec-v3.1-os.html
#   - ref: https://doi.org/10.6028/NIST.SP.800-131Ar2
# custom:
#   id: p11-allowed-mechanisms-restricted
#   severity: medium
#   remediation: >-
#     Create keys with a CKA_ALLOWED_MECHANISMS template listing only approved mechanisms (e.g. CKM_AES_GCM,
#     CKM_RSA_PKCS_OAEP, CKM_SHA256_RSA_PKCS_PSS); disable deprecated mechanisms in the token's policy.
#   providers: [pkcs11]
#   service: pkcs11
#   tags:
#     - "pkcs11:CKA_ALLOWED_MECHANISMS"
#     - "nist-800-131a:rev2"
#     - "ibm-ep11:disallowed"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1.2", "3.7.1"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-13"]
#     soc2: ["CC6.1"]
package keywarden.checks.p11_allowed_mechanisms_restricted

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "p11-allowed-mechanisms-restricted"

in_scope(k) if {
	k.provider == "pkcs11"
	upper(object.get(k, ["hsm", "class"], "")) in {"CKO_SECRET_KEY", "CKO_PRIVATE_KEY", "CKO_PUBLIC_KEY"}
	not keys.exempt(k, check_id)
}

# Why a mechanism is deprecated, by the protection it applies.
cipher_reason(m) := "DES / triple DES" if regex.match(`^CKM_(DES|DES2|DES3)_`, m)

cipher_reason(m) := "RC2 / RC4" if regex.match(`^CKM_RC[24](_|$)`, m)

cipher_reason(m) := "ECB mode" if {
	endswith(m, "_ECB")
	not regex.match(`^CKM_(DES|DES2|DES3)_`, m)
}

cipher_reason(m) := "RSA PKCS#1 v1.5 key transport" if m == "CKM_RSA_PKCS"

sign_reason(m) := "SHA-1 signature generation" if regex.match(`^CKM_(SHA1_RSA_PKCS|SHA1_RSA_PKCS_PSS|ECDSA_SHA1|DSA_SHA1|SHA1_RSA_X9_31)$`, m)

sign_reason(m) := "MD2 / MD5 signature generation" if regex.match(`^CKM_MD[25]_RSA_PKCS$`, m)

# Applying protection: encrypt or wrap (a public key encrypts; a private key that only decrypts is legacy).
protects(k) if k.hsm.encrypt == true

protects(k) if k.hsm.wrap == true

# Usage flags not read: assume the key may apply protection.
protects(k) if {
	not is_boolean(object.get(k, ["hsm", "encrypt"], null))
	not is_boolean(object.get(k, ["hsm", "wrap"], null))
}

signs(k) if k.hsm.sign == true

signs(k) if not is_boolean(object.get(k, ["hsm", "sign"], null))

bad_mechanism(k, m) := sprintf("%s (%s)", [m, cipher_reason(upper(m))]) if protects(k)

bad_mechanism(k, m) := sprintf("%s (%s)", [m, sign_reason(upper(m))]) if signs(k)

allowed(k) := k.raw.allowedMechanisms if is_array(k.raw.allowedMechanisms)

bad(k) := sort({b | some m in allowed(k); b := bad_mechanism(k, m)})

deny contains result.fail_with(sprintf("%s: CKA_ALLOWED_MECHANISMS includes deprecated mechanisms: %s", [result.label(k), concat(", ", bad(k))]), k, {"allowedMechanisms": allowed(k), "deprecated": bad(k)}) if {
	some k in input.keys
	in_scope(k)
	count(bad(k)) > 0
}

# Optional attribute absent: every mechanism of the token is usable. Informational, not a violation.
deny contains {
	"msg": sprintf("%s: no CKA_ALLOWED_MECHANISMS: the key may use every mechanism the token offers (unrestricted)", [result.label(k)]),
	"resource": result.ref(k),
	"status": "fail",
	"severity": "info",
	"evidence": {"allowedMechanisms": null},
} if {
	some k in input.keys
	in_scope(k)
	not allowed(k)
	not keys.unknown_field(k, "raw.allowedMechanisms")
}

deny contains result.unknown(keys.unknown_reason(k, ["raw.allowedMechanisms"]), k) if {
	some k in input.keys
	in_scope(k)
	keys.unknown_field(k, "raw.allowedMechanisms")
}

# Token level: deprecated mechanisms the token exposes (C_GetMechanismList), flagged as a warning
# because legacy decrypt/verify may still need them.
reasons(m) := {x | x := cipher_reason(upper(m))} | {x | x := sign_reason(upper(m))}

token_bad(c) := sort({sprintf("%s (%s)", [m, r]) |
	some m in c.raw.mechanisms
	some r in reasons(m)
})

warn contains object.union(
	result.fail_with(sprintf("%s: the token exposes deprecated mechanisms: %s", [result.label(c), concat(", ", token_bad(c))]), c, {"deprecated": token_bad(c)}),
	{"severity": "low"},
) if {
	some c in object.get(input, "containers", [])
	c.provider == "pkcs11"
	is_array(c.raw.mechanisms)
	count(token_bad(c)) > 0
}
