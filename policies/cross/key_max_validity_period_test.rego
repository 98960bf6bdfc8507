package keywarden.checks.key_max_validity_period_test

import rego.v1

import data.keywarden.checks.key_max_validity_period as check

az := {"provider": "azure", "id": "kv/slow-rotate", "name": "slow-rotate", "manager": "customer", "keyType": "rsa", "state": "enabled", "createdAt": "2026-01-05T00:00:00Z", "lastRotatedAt": "2026-01-05T00:00:00Z", "expiresAt": "2030-12-10T00:00:00Z", "rotation": {"supported": true, "enabled": true, "rotateAfterCreateDays": 1095}}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_five_year_validity if {
	some r in findings(az)
	r.evidence.validityDays == 1800
}

test_allow_one_year if count(findings(object.union(az, {"expiresAt": "2027-01-05T00:00:00Z"}))) == 0

test_trap_expiry_as_rup_bound_with_timely_rotation if count(findings(object.union(az, {"rotation": {"rotateAfterCreateDays": 365}}))) == 0

test_trap_current_version_counts_not_key_creation if {
	k := object.union(az, {"createdAt": "2023-01-01T00:00:00Z", "lastRotatedAt": "2026-07-24T00:00:00Z", "expiresAt": "2027-05-20T00:00:00Z"})
	count(findings(k)) == 0
}

test_deny_active_too_long_since_nbf if {
	k := object.union(object.remove(az, ["expiresAt"]), {"notBefore": "2023-01-01T00:00:00Z", "rotation": {"rotateAfterCreateDays": 2000}})
	count(findings(k)) == 1
}

test_pkcs11_end_date if {
	k := {"provider": "pkcs11", "id": "p", "state": "enabled", "hsm": {"startDate": "2026-01-01", "endDate": "2031-01-01"}}
	count(findings(k)) == 1
}

test_unknown_when_expiry_unreadable if {
	some r in findings(object.union(object.remove(az, ["expiresAt"]), {"unknown": {"expiresAt": "Unreachable"}}))
	r.status == "unknown"
}

test_trap_disabled if count(findings(object.union(az, {"state": "disabled"}))) == 0
