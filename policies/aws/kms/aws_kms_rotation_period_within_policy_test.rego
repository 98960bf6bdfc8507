package keywarden.checks.aws_kms_rotation_period_within_policy_test

import rego.v1

import data.keywarden.checks.aws_kms_rotation_period_within_policy as check

key := {
	"provider": "aws", "id": "arn:aws:kms:eu-west-1:111122223333:key/k1", "name": "alias/k1", "manager": "customer",
	"keyType": "symmetric", "spec": "SYMMETRIC_DEFAULT", "origin": "generated", "state": "enabled",
	"createdAt": "2024-08-23T00:00:00Z",
	"rotation": {"supported": true, "enabled": true, "periodDays": 365, "lastRotatedAt": "2026-08-23T00:00:00Z"},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_period_too_long if {
	some r in findings(object.union(key, {"rotation": {"periodDays": 730}}))
	contains(r.msg, "730")
}

test_deny_last_rotation_too_old if {
	some r in findings(object.union(key, {"rotation": {"lastRotatedAt": "2025-08-01T00:00:00Z"}}))
	contains(r.msg, "last rotated")
}

test_deny_never_rotated_old_key if {
	k := object.union(key, {"rotation": {"supported": true, "enabled": true, "periodDays": 365}})
	count(findings(json.remove(k, ["rotation/lastRotatedAt"]))) == 1
}

test_allow_within_policy if count(findings(key)) == 0

test_trap_key_younger_than_one_period if {
	k := json.remove(object.union(key, {"createdAt": "2026-03-01T00:00:00Z"}), ["rotation/lastRotatedAt"])
	count(findings(k)) == 0
}

test_trap_on_demand_rotation_counts if {
	k := object.union(key, {"rotation": {"lastRotatedAt": "2025-01-01T00:00:00Z", "history": [{"at": "2026-10-01T00:00:00Z", "type": "on-demand"}]}})
	count(findings(k)) == 0
}

test_trap_imported_key_rotated_on_demand if {
	k := object.union(key, {"origin": "imported", "rotation": {"supported": false, "enabled": false, "periodDays": null, "lastRotatedAt": null, "history": [{"at": "2026-09-01T00:00:00Z", "type": "on-demand"}]}})
	count(findings(k)) == 0
}

test_restricted_class_tightens_the_limit if {
	k := object.union(key, {"tags": {"data-class": "restricted"}, "rotation": {"periodDays": 180}})
	some r in findings(k)
	r.evidence.applied.value == 90
}

test_profile_from_data if {
	count(check.deny) == 0 with input as {"keys": [object.union(key, {"rotation": {"periodDays": 730}})], "now": "2026-11-01T00:00:00Z"}
		with data.keywarden.thresholds as {"rotationMaxDays": {"aws": 730}}
}
