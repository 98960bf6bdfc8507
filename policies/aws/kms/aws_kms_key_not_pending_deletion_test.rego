package keywarden.checks.aws_kms_key_not_pending_deletion_test

import rego.v1

import data.keywarden.checks.aws_kms_key_not_pending_deletion as check

key := {
	"provider": "aws", "account": "111122223333", "id": "arn:aws:kms:eu-west-1:111122223333:key/k1", "name": "alias/k1",
	"manager": "customer", "keyType": "symmetric", "spec": "SYMMETRIC_DEFAULT", "origin": "generated", "state": "enabled",
	"access": [root_stmt],
}

root_stmt := {"effect": "allow", "principals": ["arn:aws:iam::111122223333:root"], "actions": ["kms:*"], "source": "key-policy"}

with_stmt(s) := object.union(key, {"access": [root_stmt, s]})

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

pending := object.union(key, {"state": "pending-deletion", "rawState": "PendingDeletion", "deletionScheduledAt": "2026-11-24T00:00:00Z", "deletionWindowDays": 30})

test_deny_pending_deletion if {
	some r in findings(pending)
	contains(r.msg, "in 23 days")
}

test_deny_pending_replica_deletion if count(findings(object.union(key, {"state": "other", "rawState": "PendingReplicaDeletion"}))) == 1

test_allow_enabled if count(findings(key)) == 0

test_trap_disabled_is_not_deletion if count(findings(object.union(key, {"state": "disabled"}))) == 0

test_trap_intentional_crypto_shredding_with_ticket if count(findings(object.union(pending, {"tags": {"Change-Ticket": "CHG-1234"}}))) == 0

test_trap_aws_managed if count(findings(object.union(pending, {"manager": "provider"}))) == 0

test_unknown_state if {
	some r in findings(object.union(object.remove(key, ["state"]), {"unknown": {"state": "AccessDenied: kms:DescribeKey"}}))
	r.status == "unknown"
}
