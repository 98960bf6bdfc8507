# METADATA
# title: "PKCS#11 production keys cannot be modified or copied"
# description: >-
#   Secret and private keys have CKA_MODIFIABLE=FALSE and CKA_COPYABLE=FALSE, so nobody can change their
#   attributes or duplicate the object; CKA_DESTROYABLE=FALSE is required only when the profile sets
#   p11RequireNotDestroyable. Keys tagged with a non-production environment are out of scope. Older
#   tokens (before PKCS#11 v2.40) do not know CKA_COPYABLE or CKA_DESTROYABLE: the answer is then
#   unknown, never pass. Public keys are out of scope.
# related_resources:
#   - ref: https://docs.oasis-open.org/pkcs11/pkcs11-spec/v3.1/os/pkcs11-spec-v3.1-os.html
#   - ref: https://docs.aws.amazon.com/cloudhsm/latest/userguide/pkcs11-attributes.html
# custom:
#   id: p11-attributes-locked
#   severity: medium
#   remediation: >-
#     Set CKA_MODIFIABLE=FALSE and CKA_COPYABLE=FALSE on production keys (C_SetAttributeValue, or
#     C_CopyObject into a locked copy and destroy the original); upgrade tokens older than v2.40.
#   providers: [pkcs11]
#   service: pkcs11
#   tags:
#     - "pkcs11:CKA_MODIFIABLE"
#     - "pkcs11:CKA_COPYABLE"
#     - "pkcs11:CKA_DESTROYABLE"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.7.7"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "CM-3"]
#     soc2: ["CC6.1", "CC8.1"]
package keywarden.checks.p11_attributes_locked

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "p11-attributes-locked"

in_scope(k) if {
	k.provider == "pkcs11"
	upper(k.hsm.class) in {"CKO_SECRET_KEY", "CKO_PRIVATE_KEY"}
	not non_production(k)
	not keys.exempt(k, check_id)
}

non_production(k) if lower(keys.environment(k)) in {"dev", "development", "test", "testing", "sandbox", "staging", "qa"}

default require_not_destroyable := false

require_not_destroyable := data.keywarden.thresholds.p11RequireNotDestroyable if is_boolean(data.keywarden.thresholds.p11RequireNotDestroyable)

required contains "modifiable"

required contains "copyable"

required contains "destroyable" if require_not_destroyable

attr_name := {"modifiable": "CKA_MODIFIABLE", "copyable": "CKA_COPYABLE", "destroyable": "CKA_DESTROYABLE"}

deny contains result.fail_with(sprintf("%s: %s=TRUE", [result.label(k), attr_name[field]]), k, {field: true}) if {
	some k in input.keys
	in_scope(k)
	some field in required
	k.hsm[field] == true
}

deny contains result.unknown(reason(k, field), k) if {
	some k in input.keys
	in_scope(k)
	some field in required
	not is_boolean(object.get(k, ["hsm", field], null))
}

reason(k, field) := keys.unknown_reason(k, [concat(".", ["hsm", field])])

reason(k, field) := sprintf("%s was not returned by the token (older than PKCS#11 v2.40?)", [attr_name[field]]) if {
	not keys.unknown_reason(k, [concat(".", ["hsm", field])])
}
