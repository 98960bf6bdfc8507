# METADATA
# title: "PKCS#11 keys were always sensitive and never extractable"
# description: >-
#   Secret and private keys generated on the token have CKA_ALWAYS_SENSITIVE=TRUE and
#   CKA_NEVER_EXTRACTABLE=TRUE: their value was never exposed since creation. Imported (BYOK) keys are
#   legitimately CKA_LOCAL=FALSE with both history attributes FALSE (C_UnwrapKey and C_CreateObject set
#   them so); they are recognised by origin `imported`, a `provenance` tag, or CKA_LOCAL=FALSE, and
#   are out of scope for the history attributes. Where the profile demands it (p11RequireLocal: true),
#   keys not generated on the token must be declared imported. History attributes the token did not
#   return give unknown; some vendors return defaults rather than the real history, so a pass is
#   only as good as the token's bookkeeping.
# related_resources:
#   - ref: https://docs.oasis-open.org/pkcs11/pkcs11-spec/v3.1/os/pkcs11-spec-v3.1-os.html
# custom:
#   id: p11-key-provenance
#   severity: medium
#   remediation: >-
#     The history cannot be repaired: generate a replacement key on the token with CKA_SENSITIVE=TRUE and
#     CKA_EXTRACTABLE=FALSE, move callers to it, and destroy the old object.
#   providers: [pkcs11]
#   service: pkcs11
#   tags:
#     - "pkcs11:CKA_ALWAYS_SENSITIVE"
#     - "pkcs11:CKA_NEVER_EXTRACTABLE"
#     - "pkcs11:CKA_LOCAL"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.2", "3.7.1"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(6)"]
#     soc2: ["CC6.1"]
package keywarden.checks.p11_key_provenance

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "p11-key-provenance"

in_scope(k) if {
	k.provider == "pkcs11"
	upper(k.hsm.class) in {"CKO_SECRET_KEY", "CKO_PRIVATE_KEY"}
	not keys.exempt(k, check_id)
}

declared_imported(k) if k.origin == "imported"

declared_imported(k) if keys.has_tag(k, "provenance")

imported(k) if declared_imported(k)

imported(k) if k.hsm.local == false

default require_local := false

require_local := data.keywarden.thresholds.p11RequireLocal if is_boolean(data.keywarden.thresholds.p11RequireLocal)

history := {"alwaysSensitive": "CKA_ALWAYS_SENSITIVE", "neverExtractable": "CKA_NEVER_EXTRACTABLE"}

deny contains result.fail_with(sprintf("%s: %s=FALSE: the key was exposed since its creation", [result.label(k), attr]), k, {field: false, "local": object.get(k, ["hsm", "local"], null)}) if {
	some k in input.keys
	in_scope(k)
	not imported(k)
	some field, attr in history
	k.hsm[field] == false
}

deny contains result.fail_with(sprintf("%s: CKA_LOCAL=FALSE and not declared imported (origin or provenance tag)", [result.label(k)]), k, {"local": false}) if {
	some k in input.keys
	in_scope(k)
	require_local
	k.hsm.local == false
	not declared_imported(k)
}

deny contains result.unknown(reason(k, field, attr), k) if {
	some k in input.keys
	in_scope(k)
	not imported(k)
	some field, attr in history
	not is_boolean(object.get(k, ["hsm", field], null))
}

reason(k, field, _) := keys.unknown_reason(k, [concat(".", ["hsm", field])])

reason(k, field, attr) := sprintf("%s was not returned by the token", [attr]) if not keys.unknown_reason(k, [concat(".", ["hsm", field])])
