# METADATA
# title: "KMS rotation period and last rotation within the cryptoperiod"
# description: >-
#   For customer keys that rotate (automatically or on demand), RotationPeriodInDays is at most the
#   profile's AWS rotation limit (tightened by data-class and environment tags) and the last rotation,
#   automatic or on-demand, is within that cryptoperiod. Keys younger than one period pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
#   - ref: https://csrc.nist.gov/publications/detail/sp/800-57-part-1/rev-5/final
# custom:
#   id: aws-kms-rotation-period-within-policy
#   severity: medium
#   remediation: >-
#     Lower the period: aws kms enable-key-rotation --key-id <key> --rotation-period-in-days <days>, or rotate now with aws kms rotate-key-on-demand.
#   providers: [aws]
#   service: kms
#   tags:
#     - "nist-800-57:table-1"
#     - "cis-aws:rotation-rationale"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.4", "3.7.5"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(2)"]
#     soc2: ["CC6.1"]
package keywarden.checks.aws_kms_rotation_period_within_policy

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "aws-kms-rotation-period-within-policy"

in_scope(k) if {
	k.provider == "aws"
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.replica(k)
	rotates(k)
	not keys.exempt(k, check_id)
}

rotates(k) if k.rotation.enabled == true

rotates(k) if count(object.get(k, ["rotation", "history"], [])) > 0

limit(k) := thresholds.for_key("rotationMaxDays", k)

last_rotation(k) := dates.newest(array.concat(
	[t | some t in [object.get(k, ["rotation", "lastRotatedAt"], null), object.get(k, "lastRotatedAt", null)]; is_string(t)],
	[h.at | some h in object.get(k, ["rotation", "history"], [])],
))

deny contains result.fail_with(
	sprintf("%s: rotation period %d days exceeds the %d-day limit", [result.label(k), k.rotation.periodDays, limit(k)]),
	k, {"periodDays": k.rotation.periodDays, "applied": thresholds.applied("rotationMaxDays", k)},
) if {
	some k in input.keys
	in_scope(k)
	k.rotation.periodDays > limit(k)
}

deny contains result.fail_with(
	sprintf("%s: last rotated %d days ago, more than the %d-day limit", [result.label(k), dates.age_days(last_rotation(k)), limit(k)]),
	k, {"lastRotatedAt": last_rotation(k), "applied": thresholds.applied("rotationMaxDays", k)},
) if {
	some k in input.keys
	in_scope(k)
	dates.age_days(last_rotation(k)) > limit(k)
}

# Never rotated although older than one period.
deny contains result.fail_with(
	sprintf("%s: never rotated in %d days (limit %d)", [result.label(k), dates.age_days(k.createdAt), limit(k)]),
	k, {"createdAt": k.createdAt, "applied": thresholds.applied("rotationMaxDays", k)},
) if {
	some k in input.keys
	in_scope(k)
	not last_rotation(k)
	dates.valid(k.createdAt)
	dates.age_days(k.createdAt) > limit(k)
}
