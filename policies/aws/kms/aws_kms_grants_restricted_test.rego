package keywarden.checks.aws_kms_grants_restricted_test

import rego.v1

import data.keywarden.checks.aws_kms_grants_restricted as check

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

ebs_grant(i) := {"id": sprintf("g%d", [i]), "granteePrincipal": sprintf("arn:aws:iam::111122223333:role/aws-service-role/ec2.amazonaws.com/ebs-%d", [i]), "operations": ["Decrypt", "CreateGrant"], "constraints": {"encryptionContextSubset": {"aws:ebs:id": "vol-1"}}}

test_deny_unconstrained_grant_to_a_role if {
	k := object.union(key, {"grants": [{"id": "g1", "granteePrincipal": "arn:aws:iam::111122223333:role/app", "operations": ["Decrypt"]}]})
	count(findings(k)) == 1
}

test_allow_constrained_grant if {
	k := object.union(key, {"grants": [{"id": "g1", "granteePrincipal": "arn:aws:iam::111122223333:role/app", "operations": ["Decrypt"], "constraints": {"encryptionContextEquals": {"app": "x"}}}]})
	count(findings(k)) == 0
}

test_allow_describe_only_grant if {
	k := object.union(key, {"grants": [{"id": "g1", "granteePrincipal": "arn:aws:iam::111122223333:role/app", "operations": ["DescribeKey"]}]})
	count(findings(k)) == 0
}

test_trap_many_ebs_grants if {
	k := object.union(key, {"grants": [ebs_grant(i) | some i in numbers.range(1, 25)]})
	count(findings(k)) == 0
}

test_deny_create_grant_without_condition if {
	s := {"effect": "allow", "principals": ["arn:aws:iam::111122223333:role/ops"], "actions": ["kms:CreateGrant"], "source": "key-policy"}
	count(findings(with_stmt(s))) == 1
}

test_allow_create_grant_for_aws_resources if {
	s := {"effect": "allow", "principals": ["arn:aws:iam::111122223333:role/ops"], "actions": ["kms:CreateGrant"], "conditions": {"Bool": {"kms:GrantIsForAWSResource": true}}, "source": "key-policy"}
	count(findings(with_stmt(s))) == 0
}

test_trap_root_statement_delegates if count(findings(key)) == 0
