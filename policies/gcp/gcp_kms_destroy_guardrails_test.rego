package keywarden.checks.gcp_kms_destroy_guardrails_test

import rego.v1

import data.keywarden.checks.gcp_kms_destroy_guardrails as check

key := {"provider": "gcp", "account": "p1", "id": "projects/p1/locations/global/keyRings/r/cryptoKeys/k", "manager": "customer"}

policies := {
	"constraints/cloudkms.disableBeforeDestroy": {"spec": {"rules": [{"enforce": true}]}},
	"constraints/cloudkms.minimumDestroyScheduledDuration": {"spec": {"rules": [{"values": {"allowedValues": ["in:30d"]}}]}},
}

project(pols) := {"provider": "gcp", "account": "p1", "id": "projects/p1", "name": "p1", "kind": "project", "raw": {"organization": "organizations/123", "orgPolicies": pols}}

findings(cs) = f if {
	f = check.deny with input as {"keys": [key], "containers": cs}
}

test_allow_both_constraints if count(findings([project(policies)])) == 0

test_deny_disable_before_destroy_missing if {
	some r in findings([project(object.remove(policies, ["constraints/cloudkms.disableBeforeDestroy"]))])
	r.evidence.constraint == "constraints/cloudkms.disableBeforeDestroy"
}

test_deny_minimum_duration_missing if {
	some r in findings([project(object.remove(policies, ["constraints/cloudkms.minimumDestroyScheduledDuration"]))])
	r.evidence.constraint == "constraints/cloudkms.minimumDestroyScheduledDuration"
}

test_deny_minimum_duration_too_short if {
	pols := object.union(policies, {"constraints/cloudkms.minimumDestroyScheduledDuration": {"spec": {"rules": [{"values": {"allowedValues": ["in:7d"]}}]}}})
	some r in findings([project(pols)])
	r.evidence.days == 7
}

test_allow_legacy_list_policy_shape if {
	pols := {
		"constraints/cloudkms.disableBeforeDestroy": {"enforce": true},
		"constraints/cloudkms.minimumDestroyScheduledDuration": {"listPolicy": {"allowedValues": ["60d"]}},
	}
	count(findings([project(pols)])) == 0
}

# Trap: projects outside an organisation cannot use organisation policy.
test_trap_project_outside_organisation if {
	p := object.union(project({}), {"raw": {"organization": "none"}})
	count(findings([p])) == 0
}

test_unknown_policies_not_collected if {
	some r in findings([])
	r.status == "unknown"
	r.resource.id == "projects/p1"
}

test_unknown_policies_unreadable if {
	p := {"provider": "gcp", "account": "p1", "id": "projects/p1", "kind": "project", "unknown": {"raw.orgPolicies": "PERMISSION_DENIED: orgpolicy.policies.getEffectivePolicy"}}
	some r in findings([p])
	contains(r.reason, "PERMISSION_DENIED")
}
