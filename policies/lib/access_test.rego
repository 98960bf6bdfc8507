package keywarden.lib.access_test

import rego.v1

import data.keywarden.lib.access

public_decrypt := {"effect": "allow", "principals": ["*"], "actions": ["kms:Decrypt"], "source": "key-policy"}

test_public_allow_is_public if access.public_grant(public_decrypt)

test_narrowed_by_caller_account_is_not_public if {
	not access.public_grant(object.union(public_decrypt, {"conditions": {"stringequals": {"kms:calleraccount": "111122223333"}}}))
}

test_condition_keys_case_insensitive if {
	not access.public_grant(object.union(public_decrypt, {"conditions": {"StringEquals": {"AWS:PrincipalOrgID": "o-a1b2c3"}}}))
}

test_for_any_value_prefix_is_understood if {
	not access.public_grant(object.union(public_decrypt, {"conditions": {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": ["o-1/r-1/*"]}}}))
}

test_wildcard_condition_value_does_not_narrow if {
	access.public_grant(object.union(public_decrypt, {"conditions": {"stringlike": {"aws:principalorgid": "*"}}}))
}

test_if_exists_does_not_narrow if {
	access.public_grant(object.union(public_decrypt, {"conditions": {"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}}))
}

test_unrelated_condition_does_not_narrow if {
	access.public_grant(object.union(public_decrypt, {"conditions": {"bool": {"aws:securetransport": "true"}}}))
}

test_deny_is_not_a_grant if not access.public_grant(object.union(public_decrypt, {"effect": "deny"}))

test_public_flag_and_gcp_members if {
	access.public_statement({"public": true, "principals": []})
	access.public_statement({"principals": ["allAuthenticatedUsers"]})
}

test_root_is_not_public if not access.public_grant({"effect": "allow", "principals": ["arn:aws:iam::111122223333:root"], "actions": ["kms:*"]})

test_principal_kinds if {
	access.root_principal("arn:aws:iam::111122223333:root")
	access.root_principal("111122223333")
	not access.root_principal("arn:aws:iam::111122223333:role/admin")
	access.service_principal("logs.eu-west-1.amazonaws.com")
	access.service_principal("arn:aws:iam::210987654321:role/aws-service-role/ec2.amazonaws.com/ebs-0")
	not access.service_principal("arn:aws:iam::999988887777:role/partner-sync")
	access.account_of("arn:aws:iam::999988887777:role/partner-sync") == "999988887777"
	access.account_of("210987654321") == "210987654321"
}

test_action_globs if {
	access.grants_action({"actions": ["kms:*"]}, "kms:Decrypt")
	access.grants_action({"actions": ["KMS:decrypt*"]}, "kms:DecryptX")
	access.grants_action({"actions": ["*"]}, "kms:PutKeyPolicy")
	not access.grants_action({"actions": ["kms:Encrypt"]}, "kms:Decrypt")
	access.grants_any({"actions": ["kms:Encrypt"]}, ["kms:Decrypt", "kms:Encrypt"])
}

test_narrowing_conditions_lists_each_key if {
	s := object.union(public_decrypt, {"conditions": {"StringEquals": {"kms:CallerAccount": "1", "kms:ViaService": "s3.eu-west-1.amazonaws.com"}}})
	{c.key | some c in access.narrowing_conditions(s)} == {"kms:calleraccount", "kms:viaservice"}
}

raw_key := {"rawPolicy": {"Statement": [
	{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*"},
	{"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt"], "Condition": {"StringEquals": {"AWS:PrincipalOrgID": "o-1"}}},
	{"Sid": "Open", "Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "kms:DescribeKey"},
]}}

test_raw_policy_is_normalised if {
	ss := access.statements(raw_key)
	count(ss) == 3
	ss[0].principals == ["arn:aws:iam::111122223333:root"]
	ss[1].conditions == {"stringequals": {"aws:principalorgid": "o-1"}}
	[s.sid | some s in ss; access.public_grant(s)] == ["Open"]
	access.has_statements(raw_key)
}

test_collector_statements_win if access.statements(object.union(raw_key, {"access": []})) == []

test_no_policy_no_statements if {
	access.statements({}) == []
	not access.has_statements({})
}
