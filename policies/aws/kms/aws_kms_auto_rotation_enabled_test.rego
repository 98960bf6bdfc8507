package keywarden.checks.aws_kms_auto_rotation_enabled_test

import rego.v1

import data.keywarden.checks.aws_kms_auto_rotation_enabled as check

key := {
	"provider": "aws", "id": "arn:aws:kms:eu-west-1:111122223333:key/k1", "name": "alias/k1",
	"manager": "customer", "keyType": "symmetric", "spec": "SYMMETRIC_DEFAULT", "origin": "generated",
	"state": "enabled", "rotation": {"supported": true, "enabled": false},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k]}
}

test_deny_rotation_off if {
	some r in findings(key)
	r.status == "fail"
}

test_allow_rotation_on if count(findings(object.union(key, {"rotation": {"supported": true, "enabled": true}}))) == 0

test_unknown_when_rotation_status_unreadable if {
	k := object.union(object.remove(key, ["rotation"]), {"unknown": {"rotation": "AccessDenied: kms:GetKeyRotationStatus"}})
	some r in findings(k)
	r.status == "unknown"
	contains(r.reason, "AccessDenied")
}

test_unknown_when_rotation_not_collected if {
	some r in findings(object.remove(key, ["rotation"]))
	r.status == "unknown"
}

# Traps: keys that cannot auto-rotate are not rotation findings.
test_trap_asymmetric_key if count(findings(object.union(key, {"keyType": "rsa", "spec": "RSA_3072", "rotation": {"supported": false}}))) == 0

test_trap_asymmetric_without_collector_verdict if count(findings(object.union(object.remove(key, ["rotation"]), {"keyType": "rsa", "spec": "RSA_3072"}))) == 0

# GetKeyRotationStatus returns false for asymmetric keys: not a finding.
test_trap_asymmetric_reported_false_by_the_api if count(findings(object.union(object.remove(key, ["rotation"]), {"keyType": "ec", "spec": "ECC_NIST_P256", "rotation": {"enabled": false}}))) == 0

test_trap_hmac_key if count(findings(object.union(object.remove(key, ["rotation"]), {"keyType": "hmac", "spec": "HMAC_256", "purpose": "mac"}))) == 0

test_trap_external_origin if count(findings(object.union(object.remove(key, ["rotation"]), {"origin": "imported"}))) == 0

test_trap_cloudhsm_origin if count(findings(object.union(object.remove(key, ["rotation"]), {"origin": "cloudhsm"}))) == 0

test_trap_external_key_store if count(findings(object.union(object.remove(key, ["rotation"]), {"origin": "external-key-store"}))) == 0

test_trap_aws_managed if count(findings(object.union(key, {"manager": "provider"}))) == 0

test_trap_multi_region_replica if count(findings(object.union(key, {"multiRegion": {"role": "replica"}, "rotation": {}}))) == 0

test_trap_pending_deletion if count(findings(object.union(key, {"state": "pending-deletion"}))) == 0

test_trap_disabled if count(findings(object.union(key, {"state": "disabled"}))) == 0

test_trap_pending_import if count(findings(object.union(key, {"state": "pending-import", "origin": "imported"}))) == 0
