package keywarden.checks.gcp_kms_version_not_destroy_scheduled_test

import rego.v1

import data.keywarden.checks.gcp_kms_version_not_destroy_scheduled as check

kid := "projects/p1/locations/europe-west1/keyRings/r1/cryptoKeys/dek"

v(n, state) := {"id": sprintf("%s/cryptoKeyVersions/%d", [kid, n]), "state": state, "enabled": state == "ENABLED", "createdAt": "2026-01-01T00:00:00Z"}

key := {
	"provider": "gcp", "account": "p1", "id": kid, "name": "dek", "manager": "customer", "purpose": "encrypt-decrypt",
	"keyType": "symmetric", "state": "enabled",
	"versions": [v(1, "ENABLED"), v(2, "ENABLED")],
	"raw": {"primary": {"name": sprintf("%s/cryptoKeyVersions/2", [kid]), "state": "ENABLED"}, "destroyTimes": {}},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k]}
}

test_allow_no_scheduled_versions if count(findings(key)) == 0

test_deny_primary_scheduled if {
	k := object.union(key, {
		"versions": [v(1, "ENABLED"), v(2, "DESTROY_SCHEDULED")],
		"raw": {"primary": {"state": "DESTROY_SCHEDULED"}, "destroyTimes": {sprintf("%s/cryptoKeyVersions/2", [kid]): "2026-11-06T00:00:00Z"}},
	})
	some r in findings(k)
	r.status == "fail"
	r.evidence.destroyTime == "2026-11-06T00:00:00Z"
}

test_deny_primary_by_number if {
	k := object.union(object.remove(key, ["raw"]), {"versions": [v(1, "ENABLED"), v(2, "DESTROY_SCHEDULED")], "raw": {"primaryVersion": 2}})
	some r in findings(k)
	r.evidence.destroyTime == "unknown"
}

# Trap: routine destruction of an old, non-primary version after re-encryption.
test_trap_old_non_primary_version_scheduled if {
	k := object.union(key, {"versions": [v(1, "DESTROY_SCHEDULED"), v(2, "ENABLED")]})
	count(findings(k)) == 0
}

# Asymmetric keys have no primary: flag only when no usable version is left.
test_deny_asymmetric_last_version_scheduled if {
	k := object.union(object.remove(key, ["raw"]), {"purpose": "sign-verify", "keyType": "ec", "versions": [v(1, "DISABLED"), v(2, "DESTROY_SCHEDULED")]})
	count(findings(k)) == 1
}

test_trap_asymmetric_rotated_away if {
	k := object.union(object.remove(key, ["raw"]), {"purpose": "sign-verify", "keyType": "ec", "versions": [v(1, "DESTROY_SCHEDULED"), v(2, "ENABLED")]})
	count(findings(k)) == 0
}

test_trap_all_versions_destroyed if {
	k := object.union(key, {"state": "destroyed", "versions": [v(1, "DESTROYED"), v(2, "DESTROYED")], "raw": {"primary": {"state": "DESTROYED"}}})
	count(findings(k)) == 0
}

test_trap_exempt_decommissioning if {
	k := object.union(key, {"tags": {"keywarden-exempt": "gcp-kms-version-not-destroy-scheduled"}, "versions": [v(1, "ENABLED"), v(2, "DESTROY_SCHEDULED")]})
	count(findings(k)) == 0
}

test_unknown_versions_unreadable if {
	k := object.union(object.remove(key, ["versions"]), {"unknown": {"versions": "PERMISSION_DENIED: cloudkms.cryptoKeyVersions.list"}})
	some r in findings(k)
	r.status == "unknown"
}
