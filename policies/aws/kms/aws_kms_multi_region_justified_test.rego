package keywarden.checks.aws_kms_multi_region_justified_test

import rego.v1

import data.keywarden.checks.aws_kms_multi_region_justified as check

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

primary := object.union(key, {"id": "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "multiRegion": {"role": "primary", "replicaIds": ["arn:aws:kms:eu-west-1:111122223333:key/mrk-1"]}})

replica := object.union(key, {"id": "arn:aws:kms:eu-west-1:111122223333:key/mrk-1", "multiRegion": {"role": "replica", "primaryId": "arn:aws:kms:us-east-1:111122223333:key/mrk-1"}})

both(p, r) = f if {
	f = check.deny with input as {"keys": [p, r]}
}

test_deny_unjustified_primary if count(findings(primary)) == 1

test_trap_replica_reported_once_on_primary if {
	rs := both(primary, replica)
	count(rs) == 1
	some r in rs
	r.resource.id == primary.id
}

test_deny_orphan_replica if count(findings(replica)) == 1

test_allow_justified if {
	tags := {"tags": {"MRK-Justification": "DR-2026-014"}}
	count(both(object.union(primary, tags), object.union(replica, tags))) == 0
}

test_allow_single_region if count(findings(key)) == 0
