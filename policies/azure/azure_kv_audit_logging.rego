# METADATA
# title: "Key vaults send AuditEvent logs to a destination"
# description: >-
#   Every key vault and Managed HSM has an enabled diagnostic setting that routes the AuditEvent
#   category (or the `audit` or `allLogs` category group; `audit` alone is enough, unlike Prowler, which
#   requires both groups) to a Log Analytics workspace, storage account or event hub, with a retention of
#   at least auditRetentionDays (default 365) when a retention policy is set. Settings deployed by Azure
#   Policy (DINE) carry generated names and count like any other. When the diagnostic settings could
#   not be read, the result is unknown: without them every log-based check on the vault is blind.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/general/logging
#   - ref: https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-keyvault-vaults-logs
# custom:
#   id: azure-kv-audit-logging
#   severity: high
#   remediation: >-
#     az monitor diagnostic-settings create --resource <vault-id> --name audit --workspace <law-id>
#     --logs '[{"categoryGroup": "audit", "enabled": true}]'
#   providers: [azure]
#   service: keyvault
#   tags:
#     - "prowler:keyvault_logging_enabled"
#     - "azure-policy:cf820ca0"
#     - "azure-policy:a2a5b911"
#     - "steampipe:keyvault_logging_enabled"
#     - "steampipe:keyvault_managed_hms_logging_enabled"
#   frameworks:
#     cis-azure-2.0: ["5.1.5"]
#     cis-azure-3.0: ["6.1.4"]
#     cis-azure-5.0: ["6.1.1.4"]
#     cis-azure-6.0: ["6.1.1.4"]
#     pci-dss-4.0.1: ["10.2.1", "10.2.1.2", "10.2.2", "10.5.1"]
#     iso-27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-3", "AU-11", "AU-12"]
#     soc2: ["CC7.2"]
package keywarden.checks.azure_kv_audit_logging

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "azure-kv-audit-logging"

vault(c) if {
	c.provider == "azure"
	c.kind in {"key-vault", "managed-hsm"}
	not keys.exempt(c, check_id)
}

default retention_days := 365

retention_days := data.keywarden.thresholds.auditRetentionDays if is_number(data.keywarden.thresholds.auditRetentionDays)

settings(c) := [s |
	some s in object.get(input, "logging", [])
	s.kind == "azure-diagnostic-setting"
	some target in object.get(s, "covers", [])
	lower(target) == lower(c.id)
]

audit_entry(e) if {
	object.get(e, "enabled", true) == true
	lower(object.get(e, "category", "")) == "auditevent"
}

audit_entry(e) if {
	object.get(e, "enabled", true) == true
	lower(object.get(e, "categoryGroup", "")) in {"audit", "alllogs"}
}

destination_keys := ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "eventHubName", "marketplacePartnerId"]

# A setting names its destination, or the collector kept no destination fields at all.
has_destination(s) if {
	some d in destination_keys
	v := s.raw[d]
	is_string(v)
	v != ""
}

has_destination(s) if {
	every d in destination_keys {
		not has_key(object.get(s, "raw", {}), d)
	}
}

has_key(o, k) if _ = o[k]

short_retention(e) if {
	e.retentionPolicy.enabled == true
	e.retentionPolicy.days > 0
	e.retentionPolicy.days < retention_days
}

good_setting(s) if {
	object.get(s, "enabled", true) == true
	has_destination(s)
	some e in s.raw.logs
	audit_entry(e)
	not short_retention(e)
}

# The collector's summary when it kept no setting records.
good_setting(s) if {
	object.get(s, "enabled", true) == true
	not is_array(object.get(s, ["raw", "logs"], null))
	s.readEvents == true
}

logged(c) if {
	some s in settings(c)
	good_setting(s)
}

logged(c) if {
	count(settings(c)) == 0
	c.auditLogging == true
}

why_not(c) := "no diagnostic setting" if count(settings(c)) == 0

why_not(c) := "no enabled diagnostic setting sends AuditEvent (category or audit/allLogs group) to a destination with enough retention" if count(settings(c)) > 0

deny contains result.fail_with(sprintf("%s: audit logging is off: %s", [result.label(c), why_not(c)]), c, {"settings": [s.id | some s in settings(c)], "minRetentionDays": retention_days}) if {
	some c in input.containers
	vault(c)
	not logged(c)
	not unknown(c)
}

unknown(c) if {
	count(settings(c)) == 0
	keys.unknown_field(c, "auditLogging")
}

unknown(c) if {
	count(settings(c)) == 0
	not is_boolean(object.get(c, "auditLogging", null))
}

deny contains result.unknown(reason(c), c) if {
	some c in input.containers
	vault(c)
	unknown(c)
}

reason(c) := keys.unknown_reason(c, ["auditLogging"])

reason(c) := "the vault's diagnostic settings were not collected" if not keys.unknown_reason(c, ["auditLogging"])
