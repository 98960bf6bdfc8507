# METADATA
# title: "PKCS#11 wrapping keys are designated, trusted deliberately and strong enough"
# description: >-
#   Wrapping-key controls on a token: CKA_TRUSTED=TRUE only on keys that can wrap (CKA_WRAP=TRUE); when
#   the profile lists designated key-encryption keys (p11DesignatedKeks: labels or ids), only those
#   have CKA_WRAP=TRUE or CKA_TRUSTED=TRUE; and every wrapping key is at least as strong (in security
#   bits, SP 800-57 Part 1 Table 2) as the strongest extractable key on the same token, so that no key
#   can be exported under a weaker one (IBM's weak-wrap rule). CKA_WRAP_TEMPLATE and
#   CKA_UNWRAP_TEMPLATE are supported unevenly by vendors and are not in the inventory model, so they
#   are not judged here. A wrapping key or extractable key whose size was not read gives unknown.
# related_resources:
#   - ref: https://docs.oasis-open.org/pkcs11/pkcs11-spec/v3.1/os/pkcs11-spec-v3.1-os.html
#   - ref: https://www.ibm.com/docs/en/zos/2.4.0?topic=keys-key-strength-wrapping-key
# custom:
#   id: p11-wrapping-key-controls
#   severity: high
#   remediation: >-
#     Clear CKA_WRAP on keys that are not designated KEKs, let the Security Officer set CKA_TRUSTED only on
#     approved KEKs, and replace weak KEKs by keys at least as strong as what they wrap (e.g. AES-256).
#   providers: [pkcs11]
#   service: pkcs11
#   tags:
#     - "pkcs11:CKA_WRAP"
#     - "pkcs11:CKA_TRUSTED"
#     - "ibm-ep11:weak-wrap"
#     - "nist-800-57:table-2"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1.2", "3.7.2"]
#     iso-27001-2022: ["A.8.24", "A.5.14"]
#     nist-800-53-r5: ["SC-12"]
#     soc2: ["CC6.1", "CC6.7"]
package keywarden.checks.p11_wrapping_key_controls

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "p11-wrapping-key-controls"

p11(k) if {
	k.provider == "pkcs11"
	not keys.exempt(k, check_id)
}

kek(k) if k.hsm.wrap == true

designated_list := data.keywarden.thresholds.p11DesignatedKeks if is_array(data.keywarden.thresholds.p11DesignatedKeks)

designated(k) if {
	some d in designated_list
	d in {k.id, object.get(k, "name", ""), object.get(k, ["hsm", "label"], ""), object.get(k, ["hsm", "id"], "")}
}

deny contains result.fail_with(sprintf("%s: CKA_TRUSTED=TRUE on a key that cannot wrap", [result.label(k)]), k, {"trusted": true, "wrap": object.get(k, ["hsm", "wrap"], null)}) if {
	some k in input.keys
	p11(k)
	k.hsm.trusted == true
	k.hsm.wrap == false
}

deny contains result.fail_with(sprintf("%s: %s=TRUE on a key that is not a designated KEK", [result.label(k), attr]), k, {"designated": designated_list}) if {
	some k in input.keys
	p11(k)
	designated_list
	some field, attr in {"wrap": "CKA_WRAP", "trusted": "CKA_TRUSTED"}
	k.hsm[field] == true
	not designated(k)
}

# --- strength ---------------------------------------------------------------------------------
# Security strength in bits (SP 800-57 Part 1 Table 2).
strength(k) := min({k.sizeBits, 256}) if keys.key_type(k) in {"symmetric", "aes", "generic-secret", "hmac"}

strength(k) := 112 if keys.key_type(k) == "des3"

strength(k) := 56 if keys.key_type(k) == "des"

strength(k) := rsa_strength(k.sizeBits) if keys.key_type(k) in {"rsa", "dh", "dsa"}

strength(k) := floor(k.sizeBits / 2) if keys.key_type(k) in {"ec", "okp"}

rsa_strength(n) := 256 if n >= 15360

rsa_strength(n) := 192 if {
	n >= 7680
	n < 15360
}

rsa_strength(n) := 128 if {
	n >= 3072
	n < 7680
}

rsa_strength(n) := 112 if {
	n >= 2048
	n < 3072
}

rsa_strength(n) := 80 if n < 2048

same_token(a, b) if a.container == b.container

# Keys that a KEK on the same token could export.
exportable(kek_key) := [k |
	some k in input.keys
	k.provider == "pkcs11"
	k.id != kek_key.id
	same_token(k, kek_key)
	k.hsm.extractable == true
	upper(object.get(k, ["hsm", "class"], "")) in {"CKO_SECRET_KEY", "CKO_PRIVATE_KEY"}
]

weaker_than(w, k) if strength(w) < strength(k)

deny contains result.fail_with(
	sprintf("%s: %d-bit wrapping key can export the stronger %s (%d bits)", [result.label(w), strength(w), result.label(k), strength(k)]),
	w, {"wrappingStrength": strength(w), "wrapped": k.id, "wrappedStrength": strength(k)},
) if {
	some w in input.keys
	p11(w)
	kek(w)
	some k in exportable(w)
	weaker_than(w, k)
}

deny contains result.unknown(sprintf("the size of %s was not read, so wrapping strength cannot be compared", [result.label(x)]), w) if {
	some w in input.keys
	p11(w)
	kek(w)
	count(exportable(w)) > 0
	some x in array.concat([w], exportable(w))
	not strength(x)
}
