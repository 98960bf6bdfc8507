# METADATA
# title: "Organisation policy guards Cloud KMS key destruction"
# description: >-
#   Projects that hold Cloud KMS keys have the effective organisation policies
#   constraints/cloudkms.minimumDestroyScheduledDuration (a floor on the destroy-scheduled window, at
#   least the profile's gcpMinDestroyScheduledDays, default 30) and constraints/cloudkms.disableBeforeDestroy
#   (a version must be disabled before it can be scheduled for destruction) enforced. The effective
#   policies are read from the project record (container kind `project`, raw.orgPolicies keyed by
#   constraint, as orgpolicy getEffectivePolicy returns them). Projects outside an organisation cannot
#   use organisation policy and are out of scope. Policies that were not collected give unknown.
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/control-key-destruction
#   - ref: https://cloud.google.com/resource-manager/docs/organization-policy/org-policy-constraints
# custom:
#   id: gcp-kms-destroy-guardrails
#   severity: medium
#   remediation: >-
#     gcloud org-policies set-policy on the organisation or folder for constraints/cloudkms.disableBeforeDestroy
#     (enforce: true) and constraints/cloudkms.minimumDestroyScheduledDuration (allowedValues: ["in:30d"] or more).
#   providers: [gcp]
#   service: kms
#   tags:
#     - "gcp-docs:control-key-destruction"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.5"]
#     iso-27001-2022: ["A.8.24", "A.8.10"]
#     nist-800-53-r5: ["SC-12", "SC-12(1)", "CM-7"]
#     soc2: ["CC6.1", "CC6.5"]
package keywarden.checks.gcp_kms_destroy_guardrails

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "gcp-kms-destroy-guardrails"

disable_before := "constraints/cloudkms.disableBeforeDestroy"

min_duration := "constraints/cloudkms.minimumDestroyScheduledDuration"

default min_days := 30

min_days := data.keywarden.thresholds.gcpMinDestroyScheduledDays if is_number(data.keywarden.thresholds.gcpMinDestroyScheduledDays)

projects := {k.account | some k in input.keys; k.provider == "gcp"; keys.customer_managed(k)}

record(p) := c if {
	some c in object.get(input, "containers", [])
	c.provider == "gcp"
	c.kind in {"project", "gcp-project"}
	c.account == p
}

subject(p) := record(p)

subject(p) := {"provider": "gcp", "account": p, "id": concat("", ["projects/", p]), "ref": {"provider": "gcp", "account": p, "id": concat("", ["projects/", p]), "type": "project"}} if not record(p)

# A project with no organisation ancestor (raw.organization empty or "none").
outside_org(p) if record(p).raw.organization in {"", "none", null}

policies(p) := record(p).raw.orgPolicies if is_object(record(p).raw.orgPolicies)

in_scope(p) if {
	not outside_org(p)
	not keys.exempt(subject(p), check_id)
}

enforced(pol) if pol.enforce == true

enforced(pol) if {
	some r in object.get(pol, ["spec", "rules"], [])
	r.enforce == true
}

# Allowed values such as "in:30d" or "30d"; the smallest duration in days.
durations(pol) := [to_number(m[1]) |
	some v in array.concat(object.get(pol, ["listPolicy", "allowedValues"], []), [v | some r in object.get(pol, ["spec", "rules"], []); some v in object.get(r, ["values", "allowedValues"], [])])
	m := regex.find_all_string_submatch_n(`^(?:in:)?(\d+)d$`, v, 1)[0]
]

deny contains result.fail_with(sprintf("project %s: %s is not enforced", [p, disable_before]), subject(p), {"constraint": disable_before}) if {
	some p in projects
	in_scope(p)
	pols := policies(p)
	not enforced(object.get(pols, disable_before, {}))
}

deny contains result.fail_with(sprintf("project %s: %s is not set", [p, min_duration]), subject(p), {"constraint": min_duration}) if {
	some p in projects
	in_scope(p)
	pols := policies(p)
	count(durations(object.get(pols, min_duration, {}))) == 0
}

deny contains result.fail_with(
	sprintf("project %s: minimum destroy-scheduled duration %d days is below %d", [p, min(durations(policies(p)[min_duration])), min_days]),
	subject(p), {"constraint": min_duration, "days": min(durations(policies(p)[min_duration])), "minimum": min_days},
) if {
	some p in projects
	in_scope(p)
	count(durations(policies(p)[min_duration])) > 0
	min(durations(policies(p)[min_duration])) < min_days
}

deny contains result.unknown(reason(p), subject(p)) if {
	some p in projects
	in_scope(p)
	not policies(p)
}

reason(p) := keys.unknown_reason(record(p), ["raw.orgPolicies", "orgPolicies"])

reason(p) := "the project's effective organisation policies were not collected" if {
	not keys.unknown_reason(record(p), ["raw.orgPolicies", "orgPolicies"])
}
