# METADATA
# title: "Enabled keys are in use"
# description: >-
#   Enabled customer keys show a successful cryptographic use within unusedDays, taken from the
#   provider's last-use data (AWS GetKeyLastUsage as lastUsedAt) or the usage logs the scan read; a key
#   with no alias and no owner tag is reported as orphaned. A key is only reported on positive evidence:
#   its last use is older than the limit, or the logs read cover the whole period and show none.
#   Disabled keys are not "unused" (disabling is the normal step before deletion); keys kept for rare
#   decrypts (archives, DR) are tagged rare-use=true; keys younger than the period are skipped.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html
# custom:
#   id: key-unused-or-orphaned
#   severity: low
#   remediation: >-
#     Confirm nobody needs the key, disable it, wait, then schedule deletion; or tag it rare-use=true if it protects archives.
#   providers: [aws, azure, gcp]
#   service: keys
#   tags:
#     - "prowler:kms_cmk_are_used"
#     - "steampipe:kms_cmk_unused"
#     - "custodian:last-usage"
#     - "aws-config-rules#285"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.5"]
#     iso-27001-2022: ["A.8.24", "A.8.10"]
#     nist-800-53-r5: ["SC-12", "SC-12(1)"]
#     soc2: ["CC6.1", "CC6.5"]
package keywarden.checks.key_unused_or_orphaned

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "key-unused-or-orphaned"

in_scope(k) if {
	k.provider in {"aws", "azure", "gcp"}
	keys.customer_managed(k)
	keys.enabled(k)
	lower(object.get(k, ["tags", "rare-use"], "")) != "true"
	not keys.exempt(k, check_id)
}

limit(k) := thresholds.for_key("unusedDays", k)


last_use(k) := dates.newest([t | some t in [object.get(k, "lastUsedAt", null), object.get(input, ["usage", k.id, "lastCryptoUseAt"], null)]; is_string(t)])

old_enough(k) if dates.age_days(k.createdAt) > limit(k)

old_enough(k) if not dates.valid(object.get(k, "createdAt", null))

orphaned(k) if {
	count(object.get(k, "aliases", [])) == 0
	not keys.has_tag(k, "owner")
}

kind(k) := "orphaned" if orphaned(k)

kind(k) := "unused" if not orphaned(k)

deny contains result.fail_with(
	sprintf("%s: %s, last cryptographic use %s (%d days ago, limit %d)", [result.label(k), kind(k), last_use(k), dates.age_days(last_use(k)), limit(k)]),
	k, {"lastUsedAt": last_use(k), "applied": thresholds.applied("unusedDays", k)},
) if {
	some k in input.keys
	in_scope(k)
	old_enough(k)
	dates.age_days(last_use(k)) > limit(k)
}

# The logs read span the whole period and never show the key.
logs_span := dates.days_between(input.logs.window.start, input.logs.window.end)

deny contains result.fail_with(
	sprintf("%s: %s, no use in the %d days of logs read", [result.label(k), kind(k), logs_span]),
	k, {"logsWindow": input.logs.window},
) if {
	some k in input.keys
	in_scope(k)
	old_enough(k)
	not last_use(k)
	logs_span >= limit(k)
	[k.provider, object.get(k, "account", "")] in accounts_in_logs
}

# Provider accounts whose logs were read: some key of theirs shows up in the usage summary.
accounts_in_logs := {[p.provider, object.get(p, "account", "")] | some p in input.keys; input.usage[p.id]}

deny contains result.unknown(keys.unknown_reason(k, ["lastUsedAt"]), k) if {
	some k in input.keys
	in_scope(k)
	not last_use(k)
	keys.unknown_field(k, "lastUsedAt")
}
