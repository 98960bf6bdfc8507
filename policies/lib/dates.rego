# METADATA
# title: Time helpers
# description: |
#   Ages and distances in whole days from RFC 3339 times (or YYYY-MM-DD dates, as PKCS#11 gives).
#   "Now" is input.now (the scan passes it) or else time.now_ns(), which the engine also pins to the
#   scan's clock; tests set input.now so they never depend on the wall clock.
package keywarden.lib.dates

import rego.v1

ns_per_day := ((24 * 60) * 60) * 1000000000

now_ns := time.parse_rfc3339_ns(input.now) if is_string(input.now)

now_ns := time.now_ns() if not is_string(input.now)

# A date-only value counts from midnight UTC.
ns(ts) := time.parse_rfc3339_ns(ts) if regex.match(`^\d{4}-\d{2}-\d{2}[Tt]`, ts)

ns(ts) := time.parse_rfc3339_ns(concat("", [ts, "T00:00:00Z"])) if regex.match(`^\d{4}-\d{2}-\d{2}$`, ts)

valid(ts) if {
	is_string(ts)
	regex.match(`^\d{4}-\d{2}-\d{2}([Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$`, ts)
}

# Whole days from ts to now (negative for a future ts).
age_days(ts) := floor((now_ns - ns(ts)) / ns_per_day)

# Whole days from now to ts (negative when ts is past).
days_until(ts) := floor((ns(ts) - now_ns) / ns_per_day)

# Whole days from a to b.
days_between(a, b) := floor((ns(b) - ns(a)) / ns_per_day)

# The newest of a set/array of timestamps (invalid ones ignored); undefined when none is valid.
newest(ts_list) := [x | some x in valid_ts; ns(x) == latest][0] if {
	valid_ts := [x | some x in ts_list; valid(x)]
	count(valid_ts) > 0
	latest := max([ns(x) | some x in valid_ts])
}
