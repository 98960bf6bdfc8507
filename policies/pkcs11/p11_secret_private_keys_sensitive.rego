# METADATA
# title: "PKCS#11 secret and private keys are sensitive"
# description: >-
#   CKO_SECRET_KEY and CKO_PRIVATE_KEY objects have CKA_SENSITIVE=TRUE, so their value can never be
#   revealed in plaintext (the attribute cannot be reset to FALSE once set). Public keys and
#   certificates have no such attribute and are out of scope. The scanner never reads CKA_VALUE, and a
#   CKR_ATTRIBUTE_SENSITIVE answer on value reads is expected. When the token did not return
#   CKA_SENSITIVE (or the object class), the result is unknown, never pass.
# related_resources:
#   - ref: https://docs.oasis-open.org/pkcs11/pkcs11-spec/v3.1/os/pkcs11-spec-v3.1-os.html
#   - ref: https://csrc.nist.gov/publications/detail/sp/800-57-part-1/rev-5/final
# custom:
#   id: p11-secret-private-keys-sensitive
#   severity: high
#   remediation: >-
#     Set CKA_SENSITIVE=TRUE with C_SetAttributeValue (allowed one way only) or, if the token refuses,
#     generate a replacement key with CKA_SENSITIVE=TRUE, move callers to it and destroy the old object.
#   providers: [pkcs11]
#   service: pkcs11
#   tags:
#     - "pkcs11:CKA_SENSITIVE"
#     - "nist-800-57:key-protection"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.2", "3.6.1.4"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(6)"]
#     soc2: ["CC6.1"]
package keywarden.checks.p11_secret_private_keys_sensitive

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "p11-secret-private-keys-sensitive"

secret_classes := {"CKO_SECRET_KEY", "CKO_PRIVATE_KEY"}

in_scope(k) if {
	k.provider == "pkcs11"
	upper(k.hsm.class) in secret_classes
	not keys.exempt(k, check_id)
}

deny contains result.fail_with(sprintf("%s: %s has CKA_SENSITIVE=FALSE: its value can be read in plaintext", [result.label(k), k.hsm.class]), k, {"class": k.hsm.class, "sensitive": false}) if {
	some k in input.keys
	in_scope(k)
	k.hsm.sensitive == false
}

deny contains result.unknown(reason(k), k) if {
	some k in input.keys
	in_scope(k)
	not is_boolean(object.get(k, ["hsm", "sensitive"], null))
}

reason(k) := keys.unknown_reason(k, ["hsm.sensitive"])

reason(k) := "CKA_SENSITIVE was not returned by the token" if not keys.unknown_reason(k, ["hsm.sensitive"])

# The object class itself could not be read: the check cannot tell whether it applies.
deny contains result.unknown(class_reason(k), k) if {
	some k in input.keys
	k.provider == "pkcs11"
	not is_string(object.get(k, ["hsm", "class"], null))
	not keys.exempt(k, check_id)
}

class_reason(k) := keys.unknown_reason(k, ["hsm.class", "hsm"])

class_reason(k) := "CKA_CLASS was not returned by the token" if not keys.unknown_reason(k, ["hsm.class", "hsm"])
