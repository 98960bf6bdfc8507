# METADATA
# title: "Cloud KMS symmetric keys rotate within the rotation limit"
# description: >-
#   Enabled customer ENCRYPT_DECRYPT keys (symmetric, not Cloud EKM) have automatic rotation with a
#   rotationPeriod at most the profile's GCP rotation limit (CIS: 90 days, tightened by data-class and
#   environment labels) and a nextRotationTime within that limit. ASYMMETRIC_SIGN, ASYMMETRIC_DECRYPT
#   and MAC keys cannot auto-rotate and are judged by key-manual-rotation-age; keys whose primary
#   version is not ENABLED or whose versions are all disabled or destroyed belong to the lifecycle
#   checks. A nextRotationTime in the past fails only when the primary version is also older than
#   the limit (rotation is overdue, not just a stale snapshot).
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/key-rotation
#   - ref: https://cloud.google.com/kms/docs/rotate-key#automatic
# custom:
#   id: gcp-kms-rotation-period-max
#   severity: medium
#   remediation: >-
#     gcloud kms keys update <key> --keyring <ring> --location <loc> --rotation-period 90d --next-rotation-time <RFC 3339 time within 90 days>.
#   providers: [gcp]
#   service: kms
#   tags:
#     - "prowler:kms_key_rotation_enabled"
#     - "prowler:kms_key_rotation_max_90_days"
#     - "scc:KMS_KEY_NOT_ROTATED"
#     - "steampipe:kms_key_rotated_within_90_day"
#     - "forseti:cmek_rotation_one_hundred_days"
#   frameworks:
#     cis-gcp-2.0: ["1.10"]
#     cis-gcp-3.0: ["1.10"]
#     cis-gcp-4.0: ["1.10"]
#     cis-gcp-5.0: ["1.11"]
#     pci-dss-4.0.1: ["3.7.4", "3.7.5"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(2)"]
#     soc2: ["CC6.1"]
package keywarden.checks.gcp_kms_rotation_period_max

import rego.v1

import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "gcp-kms-rotation-period-max"

in_scope(k) if {
	k.provider == "gcp"
	keys.customer_managed(k)
	keys.enabled(k)
	k.purpose == "encrypt-decrypt"
	not object.get(k, "protectionLevel", "software") in {"external", "external-vpc"}
	keys.can_auto_rotate(k)
	primary_usable(k)
	not keys.exempt(k, check_id)
}

# The primary version (raw.primary.state) is ENABLED; without it, at least one version is enabled.
primary_usable(k) if upper(k.raw.primary.state) == "ENABLED"

primary_usable(k) if {
	not is_string(object.get(k, ["raw", "primary", "state"], null))
	not all_versions_retired(k)
}

all_versions_retired(k) if {
	count(object.get(k, "versions", [])) > 0
	every v in k.versions {
		not upper(v.state) == "ENABLED"
	}
}

limit(k) := thresholds.for_key("rotationMaxDays", k)

evidence(k) := {
	"periodDays": object.get(k, ["rotation", "periodDays"], null),
	"nextRotationAt": object.get(k, ["rotation", "nextRotationAt"], null),
	"applied": thresholds.applied("rotationMaxDays", k),
}

deny contains result.fail_with(sprintf("%s: automatic rotation is not configured", [result.label(k)]), k, evidence(k)) if {
	some k in input.keys
	in_scope(k)
	rotation_off(k)
}

deny contains result.fail_with(
	sprintf("%s: rotation period %d days exceeds the %d-day limit", [result.label(k), k.rotation.periodDays, limit(k)]),
	k, evidence(k),
) if {
	some k in input.keys
	in_scope(k)
	not rotation_off(k)
	k.rotation.periodDays > limit(k)
}

deny contains result.fail_with(
	sprintf("%s: next rotation in %d days, beyond the %d-day limit", [result.label(k), dates.days_until(k.rotation.nextRotationAt), limit(k)]),
	k, evidence(k),
) if {
	some k in input.keys
	in_scope(k)
	not rotation_off(k)
	dates.valid(k.rotation.nextRotationAt)
	dates.days_until(k.rotation.nextRotationAt) > limit(k)
}

# nextRotationTime in the past: overdue only when the current material is older than the limit.
deny contains result.fail_with(
	sprintf("%s: rotation overdue: next rotation was due %s and the primary version is %d days old", [result.label(k), k.rotation.nextRotationAt, keys.material_age_days(k)]),
	k, object.union(evidence(k), {"materialSince": keys.material_since(k)}),
) if {
	some k in input.keys
	in_scope(k)
	not rotation_off(k)
	dates.valid(k.rotation.nextRotationAt)
	dates.days_until(k.rotation.nextRotationAt) < 0
	keys.material_age_days(k) > limit(k)
}

deny contains result.unknown(keys.unknown_reason(k, ["rotation"]), k) if {
	some k in input.keys
	in_scope(k)
	keys.unknown_field(k, "rotation")
}

deny contains result.unknown("the rotation settings (rotationPeriod, nextRotationTime) were not collected", k) if {
	some k in input.keys
	in_scope(k)
	not keys.unknown_field(k, "rotation")
	not rotation_known(k)
}

rotation_off(k) if k.rotation.enabled == false

rotation_known(k) if rotation_off(k)

rotation_known(k) if is_number(k.rotation.periodDays)

rotation_known(k) if dates.valid(k.rotation.nextRotationAt)
