package keywarden.checks.aws_kms_enclave_pcr_golden_match_test

import rego.v1

import data.keywarden.checks.aws_kms_enclave_pcr_golden_match as check

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

enclave := object.union(key, {"tags": {"enclave": "x"}, "access": [root_stmt, {"effect": "allow", "principals": ["arn:aws:iam::111122223333:role/e"], "actions": ["kms:Decrypt"], "conditions": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:PCR0": "AABB"}}}]})

test_unknown_without_golden_list if {
	some r in findings(enclave)
	r.status == "unknown"
}

test_allow_matching_pcr if {
	count(check.deny) == 0 with input as {"keys": [enclave]} with data.keywarden.thresholds as {"enclavePcrs": ["aabb"]}
}

test_deny_mismatch if {
	count(check.deny) == 1 with input as {"keys": [enclave]} with data.keywarden.thresholds as {"enclavePcrs": ["ccdd"]}
}

test_allow_key_without_attestation_conditions if count(findings(object.union(key, {"tags": {"enclave": "x"}}))) == 0
