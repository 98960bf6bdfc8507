package keywarden.checks.aws_iam_no_kms_decrypt_on_all_keys_test

import rego.v1

import data.keywarden.checks.aws_iam_no_kms_decrypt_on_all_keys as check

acct := "111122223333"

stmt(actions, resources) := {"effect": "allow", "principals": ["arn:aws:iam::111122223333:role/app"], "actions": actions, "resources": resources, "source": "iam", "policy": "arn:aws:iam::111122223333:policy/p"}

account(statements) := {"provider": "aws", "account": acct, "id": "aws-account:111122223333", "kind": "aws-account", "access": statements}

findings(statements) = f if {
	f = check.deny with input as {"keys": [], "logging": [], "containers": [account(statements)]}
}

test_deny_decrypt_on_star if {
	some r in findings([stmt(["kms:Decrypt"], ["*"])])
	r.status == "fail"
	r.resource.id == "arn:aws:iam::111122223333:policy/p"
}

test_deny_wildcards_kms_star_star_and_prefix if {
	count(findings([stmt(["kms:*"], ["*"])])) == 1
	count(findings([stmt(["*"], ["*"])])) == 1
	count(findings([stmt(["kms:De*"], ["*"])])) == 1
	count(findings([stmt(["KMS:reencrypt*"], ["*"])])) == 1
}

test_deny_key_arn_pattern_equivalent_to_star if {
	count(findings([stmt(["kms:Decrypt"], ["arn:aws:kms:*:111122223333:key/*"])])) == 1
	count(findings([stmt(["kms:Decrypt"], ["arn:aws:kms:*"])])) == 1
}

test_allow_scoped_key_or_region if {
	count(findings([stmt(["kms:Decrypt"], ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd"])])) == 0
	count(findings([stmt(["kms:Decrypt"], ["arn:aws:kms:eu-west-1:111122223333:key/*"])])) == 0
}

test_allow_other_actions_and_deny_statements if {
	count(findings([stmt(["kms:Describe*", "kms:List*", "kms:Encrypt"], ["*"])])) == 0
	count(findings([object.union(stmt(["kms:*"], ["*"]), {"effect": "deny"})])) == 0
}

test_trap_not_action_grants_decrypt if {
	na := object.union(stmt([], ["*"]), {"conditions": {"notaction": {"values": ["iam:*"]}}})
	count(findings([na])) == 1
	excl := object.union(stmt([], ["*"]), {"conditions": {"notaction": {"values": ["kms:*"]}}})
	count(findings([excl])) == 0
}

test_trap_condition_does_not_narrow if {
	scoped := object.union(stmt(["kms:Decrypt"], ["*"]), {"conditions": {"stringequals": {"kms:viaservice": "s3.eu-west-1.amazonaws.com"}}})
	count(findings([scoped])) == 1
}

test_trap_not_resource_leaves_keys_in if {
	nr := object.union(stmt(["kms:Decrypt"], []), {"conditions": {"notresource": {"values": ["arn:aws:s3:::logs/*"]}}})
	count(findings([nr])) == 1
}

test_unknown_when_iam_unreadable if {
	c := {"provider": "aws", "account": acct, "id": "aws-account:111122223333", "kind": "aws-account", "unknown": {"access": "AccessDenied: not authorized (iam:GetAccountAuthorizationDetails)"}}
	f := check.deny with input as {"keys": [], "logging": [], "containers": [c]}
	some r in f
	r.status == "unknown"
}
