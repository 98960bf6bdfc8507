package keywarden.checks.aws_cloudtrail_logs_kms_encrypted_test

import rego.v1

import data.keywarden.checks.aws_cloudtrail_logs_kms_encrypted as check

trail := {"provider": "aws", "account": "111122223333", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "kind": "cloudtrail-trail", "enabled": true, "encryptedWithKey": "arn:aws:kms:us-east-1:111122223333:key/k"}

findings(l) = f if {
	f = check.deny with input as {"logging": [l]}
}

test_allow_encrypted if count(findings(trail)) == 0

test_deny_unencrypted if count(findings(object.remove(trail, ["encryptedWithKey"]))) == 1

test_unknown_unreadable if {
	some r in findings(object.union(object.remove(trail, ["encryptedWithKey"]), {"unknown": {"encryptedWithKey": "AccessDenied"}}))
	r.status == "unknown"
}

test_trap_lake_store_is_not_a_trail if count(findings(object.remove(object.union(trail, {"kind": "other"}), ["encryptedWithKey"]))) == 0
