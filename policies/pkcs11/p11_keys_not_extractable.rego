# METADATA
# title: "PKCS#11 keys cannot be extracted, or only under a trusted wrapping key"
# description: >-
#   Secret and private key objects have CKA_EXTRACTABLE=FALSE; a key that must stay extractable (for
#   backup or a key-exchange ceremony) has CKA_WRAP_WITH_TRUSTED=TRUE so it can only be wrapped by a
#   key the Security Officer marked CKA_TRUSTED. Public keys are out of scope. Keys deliberately
#   exported by the vendor's cloning or backup mechanism can be exempted with the
#   `keywarden-exempt: p11-keys-not-extractable` tag. Attributes the token did not return give unknown.
# related_resources:
#   - ref: https://docs.oasis-open.org/pkcs11/pkcs11-spec/v3.1/os/pkcs11-spec-v3.1-os.html
# custom:
#   id: p11-keys-not-extractable
#   severity: high
#   remediation: >-
#     Set CKA_EXTRACTABLE=FALSE (one way only), or set CKA_WRAP_WITH_TRUSTED=TRUE and mark the approved
#     wrapping keys CKA_TRUSTED as the Security Officer; recreate the key if the token refuses.
#   providers: [pkcs11]
#   service: pkcs11
#   tags:
#     - "pkcs11:CKA_EXTRACTABLE"
#     - "pkcs11:CKA_WRAP_WITH_TRUSTED"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.2", "3.6.1.4"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(6)"]
#     soc2: ["CC6.1"]
package keywarden.checks.p11_keys_not_extractable

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "p11-keys-not-extractable"

in_scope(k) if {
	k.provider == "pkcs11"
	upper(k.hsm.class) in {"CKO_SECRET_KEY", "CKO_PRIVATE_KEY"}
	not keys.exempt(k, check_id)
}

deny contains result.fail_with(
	sprintf("%s: CKA_EXTRACTABLE=TRUE without CKA_WRAP_WITH_TRUSTED: any wrapping key can export it", [result.label(k)]),
	k, {"extractable": true, "wrapWithTrusted": false},
) if {
	some k in input.keys
	in_scope(k)
	k.hsm.extractable == true
	k.hsm.wrapWithTrusted == false
}

deny contains result.unknown(reason(k, "hsm.extractable", "CKA_EXTRACTABLE"), k) if {
	some k in input.keys
	in_scope(k)
	not is_boolean(object.get(k, ["hsm", "extractable"], null))
}

deny contains result.unknown(reason(k, "hsm.wrapWithTrusted", "CKA_WRAP_WITH_TRUSTED"), k) if {
	some k in input.keys
	in_scope(k)
	k.hsm.extractable == true
	not is_boolean(object.get(k, ["hsm", "wrapWithTrusted"], null))
}

reason(k, field, _) := keys.unknown_reason(k, [field])

reason(k, field, attr) := sprintf("%s was not returned by the token", [attr]) if not keys.unknown_reason(k, [field])
