package keywarden.checks.aws_cloudtrail_captures_kms_events_test

import rego.v1

import data.keywarden.checks.aws_cloudtrail_captures_kms_events as check

trail := {"provider": "aws", "account": "111122223333", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "kind": "cloudtrail-trail", "enabled": true, "multiRegion": true, "readEvents": true, "writeEvents": true, "covers": ["kms"]}

key := {"provider": "aws", "account": "111122223333", "id": "arn:aws:kms:eu-west-1:111122223333:key/k1"}

findings(trails) = f if {
	f = check.deny with input as {"keys": [key], "logging": trails}
}

test_allow_multi_region_trail_with_kms if count(findings([trail])) == 0

test_deny_no_trail if {
	some r in findings([])
	r.status == "fail"
	r.resource.account == "111122223333"
}

test_trap_kms_excluded_for_cost if count(findings([object.union(trail, {"covers": []})])) == 1

test_trap_lake_store_replaces_excluding_trail if {
	lake := object.union(trail, {"id": "lake", "kind": "other"})
	count(findings([object.union(trail, {"covers": []}), lake])) == 0
}

test_trap_organization_trail_in_management_account if {
	org := object.union(trail, {"account": "999999999999", "organization": true})
	count(findings([org])) == 0
}

test_deny_single_region_or_write_only if {
	count(findings([object.union(trail, {"multiRegion": false})])) == 1
	count(findings([object.union(trail, {"readEvents": false})])) == 1
}

test_unknown_when_selectors_unreadable if {
	t := object.union(object.remove(trail, ["covers"]), {"unknown": {"covers": "AccessDenied: cloudtrail:GetEventSelectors"}})
	some r in findings([t])
	r.status == "unknown"
}
