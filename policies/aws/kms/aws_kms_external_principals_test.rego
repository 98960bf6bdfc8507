package keywarden.checks.aws_kms_external_principals_test

import rego.v1

import data.keywarden.checks.aws_kms_external_principals as check

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

partner := {"effect": "allow", "principals": ["arn:aws:iam::999988887777:role/partner-sync"], "actions": ["kms:Decrypt"], "source": "key-policy"}

test_deny_external_role if {
	some r in findings(with_stmt(partner))
	r.evidence.account == "999988887777"
}

test_deny_external_grantee if {
	k := object.union(key, {"grants": [{"id": "g1", "granteePrincipal": "arn:aws:iam::999988887777:role/x", "operations": ["Decrypt"]}]})
	count(findings(k)) == 1
}

test_allow_scope_accounts if count(findings(with_stmt(object.union(partner, {"principals": ["arn:aws:iam::210987654321:role/app"]})))) == 0

test_allow_trusted_account_from_profile if {
	count(check.deny) == 0 with input as {"keys": [with_stmt(partner)]} with data.keywarden.thresholds as {"trustedAccounts": ["999988887777"]}
}

test_trap_service_principal if count(findings(with_stmt(object.union(partner, {"principals": ["logs.eu-west-1.amazonaws.com"]})))) == 0

test_trap_via_service_scoped_statement if {
	s := object.union(partner, {"conditions": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}})
	count(findings(with_stmt(s))) == 0
}

test_trap_deliberate_sharing_exempted if {
	k := object.union(with_stmt(partner), {"tags": {"keywarden-exempt": "aws-kms-external-principals"}})
	count(findings(k)) == 0
}

test_trap_public_statement_is_other_check if count(findings(with_stmt(object.union(partner, {"principals": ["*"]})))) == 0

test_unknown_when_policy_unreadable if {
	some r in findings(object.union(object.remove(key, ["access"]), {"unknown": {"policy": "AccessDenied"}}))
	r.status == "unknown"
}
