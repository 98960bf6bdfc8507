package keywarden.checks.azure_kv_audit_logging_test

import rego.v1

import data.keywarden.checks.azure_kv_audit_logging as check

vid := "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1"

vault := {"provider": "azure", "account": "sub1", "id": vid, "name": "kv1", "kind": "key-vault"}

setting := {
	"provider": "azure", "account": "sub1", "id": concat("", [vid, "/providers/microsoft.insights/diagnosticSettings/to-law"]), "kind": "azure-diagnostic-setting",
	"enabled": true, "covers": [vid], "raw": {"logs": [{"category": "AuditEvent", "enabled": true}], "workspaceId": "law-security"},
}

findings(ls) = f if {
	f = check.deny with input as {"keys": [], "containers": [vault], "logging": ls}
}

with_logs(logs) := object.union(object.remove(setting, ["raw"]), {"raw": {"logs": logs, "workspaceId": "law"}})

test_allow_audit_event_category if count(findings([setting])) == 0

# Trap: the `audit` group alone is enough (Prowler also demands allLogs).
test_allow_audit_group_alone if count(findings([with_logs([{"categoryGroup": "audit", "enabled": true}])])) == 0

test_allow_all_logs_group if count(findings([with_logs([{"categoryGroup": "allLogs", "enabled": true}])])) == 0

# Trap: settings deployed by Azure Policy (DINE) have generated names.
test_allow_policy_generated_setting if {
	s := object.union(setting, {"id": concat("", [vid, "/providers/microsoft.insights/diagnosticSettings/setbypolicy_logAnalytics"])})
	count(findings([s])) == 0
}

test_deny_no_setting if {
	f := check.deny with input as {"keys": [], "containers": [object.union(vault, {"auditLogging": false})], "logging": []}
	some r in f
	contains(r.msg, "no diagnostic setting")
}

test_deny_audit_category_disabled if count(findings([with_logs([{"category": "AuditEvent", "enabled": false}])])) == 1

test_deny_only_metrics if count(findings([with_logs([{"category": "AzurePolicyEvaluationDetails", "enabled": true}])])) == 1

test_deny_setting_without_destination if {
	s := object.union(object.remove(setting, ["raw"]), {"raw": {"logs": [{"category": "AuditEvent", "enabled": true}], "workspaceId": "", "storageAccountId": null}})
	count(findings([s])) == 1
}

test_deny_short_retention if count(findings([with_logs([{"category": "AuditEvent", "enabled": true, "retentionPolicy": {"enabled": true, "days": 30}}])])) == 1

test_allow_unlimited_retention if count(findings([with_logs([{"category": "AuditEvent", "enabled": true, "retentionPolicy": {"enabled": true, "days": 0}}])])) == 0

test_deny_setting_for_another_vault if {
	s := object.union(setting, {"covers": ["/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/other"]})
	f := check.deny with input as {"keys": [], "containers": [object.union(vault, {"auditLogging": false})], "logging": [s]}
	count(f) == 1
}

test_unknown_settings_unreadable if {
	c := object.union(vault, {"unknown": {"auditLogging": "AuthorizationFailed: Microsoft.Insights/diagnosticSettings/read"}})
	f := check.deny with input as {"keys": [], "containers": [c], "logging": []}
	some r in f
	r.status == "unknown"
	contains(r.reason, "AuthorizationFailed")
}

test_unknown_not_collected if {
	some r in findings([])
	r.status == "unknown"
}
