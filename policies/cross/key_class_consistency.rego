# METADATA
# title: "One data class, one rotation schedule across clouds"
# description: >-
#   Keys that carry the same data-class tag are rotated on comparable schedules in every cloud: for each
#   data class found on automatically rotating keys of two or more providers, no provider's longest
#   rotation period (AWS RotationPeriodInDays, GCP rotationPeriod, Azure timeAfterCreate) exceeds the
#   strictest provider's longest period by more than the factor classConsistencyFactor (default 1.5).
#   The finding concerns the class in the lax provider and lists the keys that make it lax. From
#   "Checks no anchor has" (cross-cloud consistency).
# related_resources:
#   - ref: https://csrc.nist.gov/publications/detail/sp/800-57-part-1/rev-5/final
# custom:
#   id: key-class-consistency
#   severity: low
#   remediation: >-
#     Align the rotation periods of the listed keys with the other clouds' schedule for the same data class, or correct the keys' data-class tags.
#   providers: [aws, azure, gcp]
#   service: keys
#   section: "checks.md section 2, item 1 (cross-cloud consistency)"
#   tags:
#     - "nist-800-57:table-1"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.4", "3.7.5"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(2)"]
#     soc2: ["CC6.1"]
package keywarden.checks.key_class_consistency

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.thresholds

check_id := "key-class-consistency"

default factor := 1.5

factor := data.keywarden.classConsistencyFactor if is_number(data.keywarden.classConsistencyFactor)

period(k) := k.rotation.periodDays if is_number(k.rotation.periodDays)

period(k) := k.rotation.rotateAfterCreateDays if {
	not is_number(object.get(k, ["rotation", "periodDays"], null))
	is_number(k.rotation.rotateAfterCreateDays)
}

rotating contains [lower(keys.data_class(k)), k.provider, period(k), k] if {
	some k in input.keys
	k.provider in {"aws", "azure", "gcp"}
	keys.customer_managed(k)
	keys.enabled(k)
	k.rotation.enabled == true
	not keys.exempt(k, check_id)
}

# Longest rotation period per [class, provider].
longest[[cls, provider]] := max({d | some [c, p, d, _] in rotating; c == cls; p == provider}) if {
	some [cls, provider, _, _] in rotating
}

strictest(cls) := min({l | some [c, _], l in longest; c == cls})

providers_of(cls) := {p | some [c, p], _ in longest; c == cls}

deny contains {
	"msg": sprintf("data class %s: %s keys rotate up to every %d days, other clouds at most every %d days", [cls, provider, l, strictest(cls)]),
	"resource": {"provider": provider, "account": "", "id": sprintf("data-class:%s/%s", [cls, provider]), "type": "data-class"},
	"status": "fail",
	"evidence": {
		"dataClass": cls,
		"longestPeriodDays": {p: d | some [c, p], d in longest; c == cls},
		"keys": sort([k.id | some [c, p, d, k] in rotating; c == cls; p == provider; d > strictest(cls) * factor]),
	},
} if {
	some [cls, provider], l in longest
	count(providers_of(cls)) >= 2
	l > strictest(cls) * factor
}
