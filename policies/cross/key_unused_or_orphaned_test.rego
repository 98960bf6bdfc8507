package keywarden.checks.key_unused_or_orphaned_test

import rego.v1

import data.keywarden.checks.key_unused_or_orphaned as check

key := {"provider": "aws", "id": "arn:k/forgotten", "name": "alias/forgotten", "aliases": ["alias/forgotten"], "manager": "customer", "state": "enabled", "createdAt": "2025-03-11T00:00:00Z", "lastUsedAt": "2026-03-06T00:00:00Z", "tags": {"owner": "team"}}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_unused_for_240_days if {
	some r in findings(key)
	contains(r.msg, "unused")
}

test_deny_orphaned if {
	some r in findings(object.remove(key, ["aliases", "tags"]))
	contains(r.msg, "orphaned")
}

test_allow_recent_use if count(findings(object.union(key, {"lastUsedAt": "2026-10-20T00:00:00Z"}))) == 0

test_logs_show_recent_use if {
	count(check.deny) == 0 with input as {"keys": [key], "now": "2026-11-01T00:00:00Z", "usage": {"arn:k/forgotten": {"lastCryptoUseAt": "2026-10-30T00:00:00Z"}}}
}

test_trap_disabled_key_is_not_unused if count(findings(object.union(key, {"state": "disabled"}))) == 0

test_trap_rare_use_archive_key if count(findings(object.union(key, {"tags": {"owner": "team", "rare-use": "true"}}))) == 0

test_trap_no_evidence_is_no_finding if count(findings(object.remove(key, ["lastUsedAt"]))) == 0

test_trap_young_key if count(findings(object.union(key, {"createdAt": "2026-09-01T00:00:00Z", "lastUsedAt": "2026-01-01T00:00:00Z"}))) == 0

busy := {"provider": "aws", "id": "arn:k/busy", "state": "enabled", "createdAt": "2025-01-01T00:00:00Z"}

test_deny_long_log_window_without_use if {
	k := object.remove(key, ["lastUsedAt"])
	count(check.deny) == 1 with input as {"keys": [k, busy], "now": "2026-11-01T00:00:00Z", "usage": {"arn:k/busy": {"lastCryptoUseAt": "2026-10-31T00:00:00Z"}}, "logs": {"window": {"start": "2026-07-01T00:00:00Z", "end": "2026-11-01T00:00:00Z"}}}
}

test_trap_logs_of_another_account_prove_nothing if {
	k := object.union(object.remove(key, ["lastUsedAt"]), {"account": "other"})
	count(check.deny) == 0 with input as {"keys": [k, busy], "now": "2026-11-01T00:00:00Z", "usage": {"arn:k/busy": {"lastCryptoUseAt": "2026-10-31T00:00:00Z"}}, "logs": {"window": {"start": "2026-07-01T00:00:00Z", "end": "2026-11-01T00:00:00Z"}}}
}

test_trap_short_log_window_proves_nothing if {
	k := object.remove(key, ["lastUsedAt"])
	count(check.deny) == 0 with input as {"keys": [k], "now": "2026-11-01T00:00:00Z", "logs": {"window": {"start": "2026-10-18T00:00:00Z", "end": "2026-11-01T00:00:00Z"}}}
}

test_unknown_last_use if {
	some r in findings(object.union(object.remove(key, ["lastUsedAt"]), {"unknown": {"lastUsedAt": "AccessDenied: kms:GetKeyLastUsage"}}))
	r.status == "unknown"
}
