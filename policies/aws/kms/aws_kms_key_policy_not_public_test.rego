package keywarden.checks.aws_kms_key_policy_not_public_test

import rego.v1

import data.keywarden.checks.aws_kms_key_policy_not_public as check

key := {
	"provider": "aws", "account": "111122223333", "id": "arn:aws:kms:eu-west-1:111122223333:key/k1", "name": "alias/k1",
	"manager": "customer", "keyType": "symmetric", "spec": "SYMMETRIC_DEFAULT", "origin": "generated", "state": "enabled",
	"access": [root_stmt],
}

root_stmt := {"effect": "allow", "principals": ["arn:aws:iam::111122223333:root"], "actions": ["kms:*"], "source": "key-policy"}

with_stmt(s) := object.union(key, {"access": [root_stmt, s]})

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z", "scope": {"aws": {"accounts": ["111122223333", "210987654321"]}}}
}

public := {"effect": "allow", "principals": ["*"], "public": true, "actions": ["kms:Decrypt", "kms:DescribeKey"], "source": "key-policy", "sid": "PartnerAccess"}

test_deny_public_decrypt if {
	some r in findings(with_stmt(public))
	r.status == "fail"
	contains(r.msg, "PartnerAccess")
}

test_deny_describe_key_only if count(findings(with_stmt(object.union(public, {"actions": ["kms:DescribeKey"]})))) == 1

test_deny_without_public_flag if count(findings(with_stmt(object.remove(public, ["public"])))) == 1

test_allow_default_policy if count(findings(key)) == 0

test_trap_narrowed_by_caller_account_and_via_service if {
	s := object.union(public, {"conditions": {"stringequals": {"kms:calleraccount": "111122223333", "kms:viaservice": "secretsmanager.eu-west-1.amazonaws.com"}}})
	count(findings(with_stmt(s))) == 0
}

test_trap_narrowed_by_org_id if count(findings(with_stmt(object.union(public, {"conditions": {"stringequals": {"aws:principalorgid": "o-a1b2c3d4e5"}}})))) == 0

test_trap_condition_key_mixed_case if count(findings(with_stmt(object.union(public, {"conditions": {"StringEquals": {"AWS:PrincipalOrgID": "o-a1b2c3d4e5"}}})))) == 0

test_trap_source_arn_and_account if {
	count(findings(with_stmt(object.union(public, {"conditions": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::bucket"}}})))) == 0
	count(findings(with_stmt(object.union(public, {"conditions": {"StringEquals": {"aws:SourceAccount": "111122223333"}}})))) == 0
	count(findings(with_stmt(object.union(public, {"conditions": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}})))) == 0
}

test_deny_condition_that_does_not_narrow if count(findings(with_stmt(object.union(public, {"conditions": {"bool": {"aws:securetransport": "true"}}})))) == 1

test_trap_deny_statement if count(findings(with_stmt(object.union(public, {"effect": "deny", "actions": ["kms:*"]})))) == 0

test_trap_default_root_statement if count(findings(key)) == 0

test_trap_unreadable_policy_is_unknown if {
	k := object.union(object.remove(key, ["access"]), {"unknown": {"policy": "AccessDeniedException: kms:GetKeyPolicy"}})
	rs := findings(k)
	count(rs) == 1
	some r in rs
	r.status == "unknown"
	contains(r.reason, "AccessDenied")
}

test_raw_policy_without_normalised_statements if {
	raw := {"Statement": [{"Sid": "Open", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt"}]}
	some r in findings(object.union(object.remove(key, ["access"]), {"rawPolicy": raw}))
	r.status == "fail"
}

test_unknown_when_not_collected if {
	some r in findings(object.remove(key, ["access"]))
	r.status == "unknown"
}

test_trap_aws_managed if count(findings(object.union(with_stmt(public), {"manager": "provider"}))) == 0

test_trap_pending_deletion if count(findings(object.union(with_stmt(public), {"state": "pending-deletion"}))) == 0
