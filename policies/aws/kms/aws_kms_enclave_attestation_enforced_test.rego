package keywarden.checks.aws_kms_enclave_attestation_enforced_test

import rego.v1

import data.keywarden.checks.aws_kms_enclave_attestation_enforced as check

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

enclave := object.union(key, {"tags": {"enclave": "payments"}})

attested := {"effect": "allow", "principals": ["arn:aws:iam::111122223333:role/enclave"], "actions": ["kms:Decrypt"], "conditions": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": "abc"}}, "source": "key-policy"}

test_allow_attested_decrypt if count(findings(object.union(enclave, {"access": [root_stmt, attested]}))) == 0

test_deny_bypass_path if {
	bypass := object.remove(attested, ["conditions"])
	count(findings(object.union(enclave, {"access": [root_stmt, attested, bypass]}))) == 1
}

test_deny_generate_data_key_wildcard if {
	s := {"effect": "allow", "principals": ["arn:aws:iam::111122223333:role/app"], "actions": ["kms:GenerateDataKey*"], "source": "key-policy"}
	count(findings(object.union(enclave, {"access": [root_stmt, s]}))) == 1
}

test_trap_untagged_key_is_not_judged if {
	bypass := object.remove(attested, ["conditions"])
	count(findings(object.union(key, {"access": [root_stmt, bypass]}))) == 0
}

test_description_identifies_enclave_keys if {
	bypass := object.remove(attested, ["conditions"])
	count(findings(object.union(key, {"description": "Nitro Enclave secrets", "access": [root_stmt, bypass]}))) == 1
}
