package keywarden.lib.dates_test

import rego.v1

import data.keywarden.lib.dates

test_age_from_injected_now if {
	dates.age_days("2026-10-01T00:00:00Z") == 31 with input.now as "2026-11-01T00:00:00Z"
}

test_partial_days_round_down if {
	dates.age_days("2026-10-31T01:00:00Z") == 0 with input.now as "2026-11-01T00:00:00Z"
}

test_date_only_values if {
	dates.age_days("2026-10-25") == 7 with input.now as "2026-11-01T00:00:00Z"
}

test_days_until_future_and_past if {
	dates.days_until("2026-11-20T00:00:00Z") == 19 with input.now as "2026-11-01T00:00:00Z"
	dates.days_until("2026-10-30T00:00:00Z") == -2 with input.now as "2026-11-01T00:00:00Z"
}

test_days_between if dates.days_between("2026-01-05T00:00:00Z", "2026-01-15T12:00:00Z") == 10

test_newest_ignores_invalid if {
	dates.newest(["2025-01-01T00:00:00Z", "not a date", "2026-02-01T00:00:00Z", "2024-05-05"]) == "2026-02-01T00:00:00Z"
}

test_newest_of_nothing_is_undefined if not dates.newest([])

test_valid if {
	dates.valid("2026-01-01")
	dates.valid("2026-01-01T10:00:00.5+02:00")
	not dates.valid("yesterday")
	not dates.valid(42)
}
