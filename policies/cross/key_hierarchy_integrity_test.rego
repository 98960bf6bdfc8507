package keywarden.checks.key_hierarchy_integrity_test

import rego.v1

import data.keywarden.checks.key_hierarchy_integrity as check

key := {"provider": "aws", "account": "111122223333", "region": "eu-west-1", "id": "arn:aws:kms:eu-west-1:111122223333:key/k1", "aliases": ["alias/log-archive"], "state": "enabled"}

trail := {"provider": "aws", "account": "111122223333", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org", "kind": "cloudtrail-trail", "encryptedWithKey": "arn:aws:kms:eu-west-1:111122223333:key/k1"}

findings(k, l) = f if {
	f = check.deny with input as {"keys": [k], "logging": [l]}
}

test_deny_trail_on_pending_deletion_key if {
	some r in findings(object.union(key, {"state": "pending-deletion"}), trail)
	r.evidence.keyState == "pending-deletion"
}

test_deny_trail_on_disabled_key_by_alias_arn if {
	l := object.union(trail, {"encryptedWithKey": "arn:aws:kms:eu-west-1:111122223333:alias/log-archive"})
	count(findings(object.union(key, {"state": "disabled"}), l)) == 1
}

test_allow_enabled_key if count(findings(key, trail)) == 0

test_trap_key_not_in_inventory_is_no_finding if count(findings(object.union(key, {"state": "disabled"}), object.union(trail, {"encryptedWithKey": "arn:aws:kms:us-east-1:111122223333:key/other"}))) == 0

test_trap_unencrypted_trail_is_another_check if count(findings(object.union(key, {"state": "disabled"}), object.remove(trail, ["encryptedWithKey"]))) == 0
