package keywarden.checks.gcp_kms_rotation_period_max_test

import rego.v1

import data.keywarden.checks.gcp_kms_rotation_period_max as check

ring := "projects/p1/locations/europe-west1/keyRings/r1"

key := {
	"provider": "gcp", "account": "p1", "id": concat("/", [ring, "cryptoKeys/dek"]), "name": "dek",
	"manager": "customer", "purpose": "encrypt-decrypt", "keyType": "symmetric", "spec": "GOOGLE_SYMMETRIC_ENCRYPTION",
	"protectionLevel": "software", "state": "enabled", "createdAt": "2026-01-01T00:00:00Z",
	"rotation": {"supported": true, "enabled": true, "periodDays": 90, "lastRotatedAt": "2026-10-01T00:00:00Z", "nextRotationAt": "2026-12-30T00:00:00Z"},
	"versions": [{"id": "v1", "state": "ENABLED", "enabled": true, "createdAt": "2026-10-01T00:00:00Z"}],
	"raw": {"purpose": "ENCRYPT_DECRYPT", "primary": {"name": "v1", "state": "ENABLED"}},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

statuses(k) := {r.status | some r in findings(k)}

test_allow_90_day_rotation if count(findings(key)) == 0

test_deny_rotation_off if {
	statuses(object.union(key, {"rotation": {"supported": true, "enabled": false}})) == {"fail"}
}

test_deny_period_too_long if {
	some r in findings(object.union(key, {"rotation": {"enabled": true, "periodDays": 365, "nextRotationAt": "2026-12-30T00:00:00Z"}}))
	r.status == "fail"
	contains(r.msg, "365 days")
	r.evidence.applied.value == 90
}

test_deny_next_rotation_too_far if {
	some r in findings(object.union(key, {"rotation": {"enabled": true, "periodDays": 90, "nextRotationAt": "2027-06-01T00:00:00Z"}}))
	contains(r.msg, "next rotation")
}

test_deny_period_over_restricted_class_cap if {
	k := object.union(key, {"tags": {"data-class": "restricted"}, "rotation": {"enabled": true, "periodDays": 100, "nextRotationAt": "2026-12-01T00:00:00Z"}})
	statuses(k) == {"fail"}
}

test_allow_period_with_profile_limit if {
	k := object.union(key, {"rotation": {"enabled": true, "periodDays": 180, "nextRotationAt": "2027-01-01T00:00:00Z"}})
	count(check.deny) == 0 with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
		with data.keywarden.thresholds as {"rotationMaxDays": {"gcp": 365}}
}

test_unknown_when_rotation_unreadable if {
	k := object.union(object.remove(key, ["rotation"]), {"unknown": {"rotation": "PERMISSION_DENIED: cloudkms.cryptoKeys.get"}})
	some r in findings(k)
	r.status == "unknown"
	contains(r.reason, "PERMISSION_DENIED")
}

test_unknown_when_rotation_not_collected if statuses(object.remove(key, ["rotation"])) == {"unknown"}

# Traps: keys that cannot auto-rotate.
test_trap_asymmetric_sign if count(findings(object.union(key, {"purpose": "sign-verify", "keyType": "ec", "rotation": {"supported": false}}))) == 0

test_trap_asymmetric_decrypt_without_collector_verdict if {
	k := object.union(object.remove(key, ["rotation"]), {"purpose": "encrypt-decrypt", "keyType": "rsa", "spec": "RSA_DECRYPT_OAEP_3072_SHA256"})
	count(findings(k)) == 0
}

test_trap_mac_key if count(findings(object.union(object.remove(key, ["rotation"]), {"purpose": "mac", "keyType": "hmac"}))) == 0

test_trap_external_protection_level if count(findings(object.union(object.remove(key, ["rotation"]), {"protectionLevel": "external", "spec": "EXTERNAL_SYMMETRIC_ENCRYPTION"}))) == 0

test_trap_external_vpc_protection_level if count(findings(object.union(key, {"protectionLevel": "external-vpc", "rotation": {"enabled": false}}))) == 0

# Traps: GCP keys cannot be deleted, so retired keys stay listed.
test_trap_all_versions_destroyed if {
	k := object.union(key, {
		"rotation": {"supported": true, "enabled": false},
		"versions": [{"id": "v1", "state": "DESTROYED", "enabled": false}, {"id": "v2", "state": "DESTROYED", "enabled": false}],
		"raw": {"primary": {"name": "v2", "state": "DESTROYED"}},
	})
	count(findings(k)) == 0
}

test_trap_all_versions_disabled_no_primary_state if {
	k := object.union(object.remove(key, ["raw"]), {
		"rotation": {"supported": true, "enabled": false},
		"versions": [{"id": "v1", "state": "DISABLED", "enabled": false}],
	})
	count(findings(k)) == 0
}

test_trap_key_state_destroyed if count(findings(object.union(key, {"state": "destroyed", "rotation": {"enabled": false}}))) == 0

# Trap: nextRotationTime in the past on a recently rotated key is a stale value, not a failure.
test_trap_next_rotation_in_past_recent_primary if {
	k := object.union(key, {"rotation": {"enabled": true, "periodDays": 90, "lastRotatedAt": "2026-10-30T00:00:00Z", "nextRotationAt": "2026-10-30T00:00:00Z"}})
	count(findings(k)) == 0
}

test_deny_next_rotation_in_past_and_old_primary if {
	k := object.union(key, {
		"rotation": {"enabled": true, "periodDays": 90, "lastRotatedAt": "2026-01-01T00:00:00Z", "nextRotationAt": "2026-06-01T00:00:00Z"},
		"versions": [{"id": "v1", "state": "ENABLED", "enabled": true, "createdAt": "2026-01-01T00:00:00Z"}],
	})
	some r in findings(k)
	contains(r.msg, "overdue")
}

test_trap_exempt_by_label if count(findings(object.union(key, {"tags": {"keywarden-exempt": "gcp-kms-rotation-period-max"}, "rotation": {"enabled": false}}))) == 0
