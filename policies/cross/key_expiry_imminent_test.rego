package keywarden.checks.key_expiry_imminent_test

import rego.v1

import data.keywarden.checks.key_expiry_imminent as check

byok := {"provider": "aws", "id": "arn:k/byok", "name": "alias/byok-payments", "manager": "customer", "origin": "imported", "state": "enabled", "expiresAt": "2026-11-20T00:00:00Z"}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_expiring_in_19_days if {
	some r in findings(byok)
	r.evidence.daysLeft == 19
}

test_allow_far_expiry if count(findings(object.union(byok, {"expiresAt": "2027-11-20T00:00:00Z"}))) == 0

test_deny_already_expired if {
	some r in findings(object.union(byok, {"expiresAt": "2026-10-01T00:00:00Z"}))
	contains(r.msg, "expired")
}

test_trap_rotation_policy_renews_before_expiry if {
	k := {"provider": "azure", "id": "kv/partner-wrap", "state": "enabled", "expiresAt": "2026-11-11T00:00:00Z", "rotation": {"enabled": true, "rotateBeforeExpiryDays": 30}}
	count(findings(k)) == 0
}

test_trap_disabled_key if count(findings(object.union(byok, {"state": "disabled"}))) == 0

test_pkcs11_end_date if count(findings({"provider": "pkcs11", "id": "p", "state": "enabled", "hsm": {"endDate": "2026-11-10"}})) == 1

test_profile_window if {
	count(check.deny) == 0 with input as {"keys": [byok], "now": "2026-11-01T00:00:00Z"} with data.keywarden.thresholds as {"expiryWarningDays": 7}
}
