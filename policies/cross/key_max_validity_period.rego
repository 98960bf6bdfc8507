# METADATA
# title: "Key validity stays within the maximum period"
# description: >-
#   For keys with an expiry (Azure exp, AWS imported ValidTo, PKCS#11 CKA_END_DATE), the time from the
#   current version's creation (or nbf) to expiry is at most maxValidityDays, and a key with nbf has not
#   been active longer than that. An expiry beyond the limit is accepted as a recipient-usage bound when
#   a rotation policy creates a new version within the rotation limit.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation
# custom:
#   id: key-max-validity-period
#   severity: medium
#   remediation: >-
#     Shorten the expiry, or add a rotation policy that rotates within the rotation limit.
#   providers: [aws, azure, pkcs11]
#   service: keys
#   tags:
#     - "azure-policy:49a22571"
#     - "azure-policy:c26e4b24"
#     - "nist-800-57:table-1"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.4", "3.7.5"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(2)"]
#     soc2: ["CC6.1"]
package keywarden.checks.key_max_validity_period

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "key-max-validity-period"

expiry(k) := k.expiresAt if dates.valid(k.expiresAt)

expiry(k) := k.hsm.endDate if {
	not dates.valid(object.get(k, "expiresAt", null))
	dates.valid(k.hsm.endDate)
}

start(k) := k.notBefore if dates.valid(k.notBefore)

start(k) := keys.material_since(k) if not dates.valid(object.get(k, "notBefore", null))

limit(k) := thresholds.for_key("maxValidityDays", k)

# A rotation policy that makes a new version within the rotation limit keeps the OUP short.
rotates_within_limit(k) if {
	k.rotation.enabled != false
	k.rotation.rotateAfterCreateDays <= thresholds.for_key("rotationMaxDays", k)
}

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

deny contains result.fail_with(
	sprintf("%s: valid for %d days (from %s to %s), more than %d", [result.label(k), validity(k), start(k), expiry(k), limit(k)]),
	k, {"from": start(k), "expiresAt": expiry(k), "validityDays": validity(k), "applied": thresholds.applied("maxValidityDays", k)},
) if {
	some k in input.keys
	in_scope(k)
	validity(k) > limit(k)
	not rotates_within_limit(k)
}

validity(k) := dates.days_between(start(k), expiry(k))

deny contains result.fail_with(
	sprintf("%s: active for %d days since %s, more than %d", [result.label(k), dates.age_days(k.notBefore), k.notBefore, limit(k)]),
	k, {"notBefore": k.notBefore},
) if {
	some k in input.keys
	in_scope(k)
	dates.valid(k.notBefore)
	dates.age_days(k.notBefore) > limit(k)
	not rotates_within_limit(k)
}

deny contains result.unknown(keys.unknown_reason(k, ["expiresAt"]), k) if {
	some k in input.keys
	in_scope(k)
	not expiry(k)
	keys.unknown_field(k, "expiresAt")
}
