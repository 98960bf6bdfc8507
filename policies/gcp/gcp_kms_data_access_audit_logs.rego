# METADATA
# title: "Cloud KMS Data Access audit logs are on"
# description: >-
#   Every project that holds Cloud KMS keys records Data Access audit logs (DATA_READ and DATA_WRITE,
#   plus ADMIN_READ) for cloudkms.googleapis.com or allServices, with no exempted members, so that
#   Encrypt, Decrypt and Sign calls are logged. Data Access logs are off by default and cost money; they
#   may be enabled at folder or organisation level instead of on the project: audit configs whose id
#   starts with folders/ or organizations/ apply to the projects they list in `covers`, or to every
#   scanned project when they list none. A project for which no audit configuration was collected
#   (its IAM policy could not be read, or the snapshot has none) is unknown, never judged by another
#   project's configuration; every log-based check on its keys is blind.
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/audit-logging
#   - ref: https://cloud.google.com/logging/docs/audit/configure-data-access
# custom:
#   id: gcp-kms-data-access-audit-logs
#   severity: medium
#   remediation: >-
#     Add an auditConfigs entry for cloudkms.googleapis.com (or allServices) with ADMIN_READ, DATA_READ and
#     DATA_WRITE to the project, folder or organisation IAM policy (gcloud projects set-iam-policy).
#   providers: [gcp]
#   service: logging
#   tags:
#     - "cis-gcp:2.1"
#     - "gcp-docs:kms-audit-logging"
#   frameworks:
#     cis-gcp-2.0: ["2.1"]
#     cis-gcp-3.0: ["2.1"]
#     cis-gcp-4.0: ["2.1"]
#     cis-gcp-5.0: ["2.1"]
#     pci-dss-4.0.1: ["10.2.1", "10.2.1.2", "10.2.2"]
#     iso-27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-3", "AU-12"]
#     soc2: ["CC7.2"]
package keywarden.checks.gcp_kms_data_access_audit_logs

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "gcp-kms-data-access-audit-logs"

projects := {k.account | some k in input.keys; k.provider == "gcp"; keys.customer_managed(k)}

audit_configs := [c | some c in object.get(input, "logging", []); c.provider == "gcp"; c.kind == "gcp-audit-config"]

ancestor(c) if startswith(c.id, "organizations/")

ancestor(c) if startswith(c.id, "folders/")

covers_kms(c) if {
	some s in object.get(c, "covers", [])
	s in {"cloudkms.googleapis.com", "allServices"}
}

names_projects(c) if {
	some s in object.get(c, "covers", [])
	startswith(s, "projects/")
}

applies(c, p) if {
	not ancestor(c)
	c.account == p
}

applies(c, p) if {
	ancestor(c)
	names_projects(c)
	concat("", ["projects/", p]) in c.covers
}

applies(c, p) if {
	ancestor(c)
	not names_projects(c)
}

configs(p) := [c | some c in audit_configs; covers_kms(c); applies(c, p)]

# Some audit configuration (for any service, or the collector's "none for Cloud KMS" record) was read
# for this project or an ancestor covering it.
known(p) if {
	some c in audit_configs
	applies(c, p)
}

log_types(c) := {upper(l.logType) | some l in c.raw.auditLogConfigs} if is_array(c.raw.auditLogConfigs)

log_types(c) := {t |
	some t, on in {"DATA_READ": object.get(c, "readEvents", false), "DATA_WRITE": object.get(c, "writeEvents", false)}
	on == true
} if not is_array(object.get(c, ["raw", "auditLogConfigs"], null))

exempted(c) := sort({m | some l in object.get(c, ["raw", "auditLogConfigs"], []); some m in object.get(l, "exemptedMembers", [])})

required := {"DATA_READ", "DATA_WRITE"}

# Union of log types across configs that apply (project, folder and organisation configs add up).
enabled_types(p) := {t | some c in configs(p); object.get(c, "enabled", true) == true; some t in log_types(c)}

missing(p) := sort(required - enabled_types(p))

subject(p) := [c | some c in configs(p)][0]

subject(p) := {"provider": "gcp", "account": p, "id": concat("", ["projects/", p]), "ref": {"provider": "gcp", "account": p, "id": concat("", ["projects/", p]), "type": "project"}} if {
	count(configs(p)) == 0
}

deny contains result.fail_with(sprintf("project %s: Cloud KMS Data Access logs miss %v", [p, missing(p)]), subject(p), {"missing": missing(p), "configs": [c.id | some c in configs(p)]}) if {
	some p in projects
	known(p)
	count(missing(p)) > 0
}

deny contains result.fail_with(sprintf("project %s: members exempted from Cloud KMS Data Access logs: %v", [p, members]), subject(p), {"exemptedMembers": members}) if {
	some p in projects
	members := sort({m | some c in configs(p); some m in exempted(c)})
	count(members) > 0
}

deny contains result.unknown("no IAM audit configuration (auditConfigs) was collected for this project or its ancestors", subject(p)) if {
	some p in projects
	not known(p)
}

deny contains result.unknown(keys.unknown_reason(c, ["raw.auditLogConfigs", "readEvents", "writeEvents"]), c) if {
	some c in audit_configs
	keys.unknown_reason(c, ["raw.auditLogConfigs", "readEvents", "writeEvents"])
}
