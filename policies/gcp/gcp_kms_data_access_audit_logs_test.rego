package keywarden.checks.gcp_kms_data_access_audit_logs_test

import rego.v1

import data.keywarden.checks.gcp_kms_data_access_audit_logs as check

key := {"provider": "gcp", "account": "p1", "id": "projects/p1/locations/global/keyRings/r/cryptoKeys/k", "manager": "customer"}

config := {
	"provider": "gcp", "account": "p1", "id": "projects/p1/auditConfigs/cloudkms.googleapis.com", "kind": "gcp-audit-config", "enabled": true,
	"covers": ["cloudkms.googleapis.com"], "raw": {"auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType": "DATA_READ"}, {"logType": "DATA_WRITE"}]},
}

findings(ls) = f if {
	f = check.deny with input as {"keys": [key], "containers": [], "logging": ls}
}

with_types(c, types) := object.union(object.remove(c, ["raw"]), {"raw": {"auditLogConfigs": [{"logType": t} | some t in types]}})

test_allow_project_config if count(findings([config])) == 0

test_allow_all_services if count(findings([object.union(config, {"covers": ["allServices"]})])) == 0

test_deny_data_write_missing if {
	some r in findings([with_types(config, ["ADMIN_READ", "DATA_READ"])])
	r.evidence.missing == ["DATA_WRITE"]
}

test_deny_only_other_services if {
	some r in findings([object.union(config, {"covers": ["storage.googleapis.com"]})])
	r.evidence.missing == ["DATA_READ", "DATA_WRITE"]
	r.resource.id == "projects/p1"
}

test_deny_exempted_members if {
	c := object.union(object.remove(config, ["raw"]), {"raw": {"auditLogConfigs": [{"logType": "DATA_READ", "exemptedMembers": ["user:batch@example.com"]}, {"logType": "DATA_WRITE"}]}})
	some r in findings([c])
	r.evidence.exemptedMembers == ["user:batch@example.com"]
}

# Trap: Data Access logs enabled at folder or organisation level rather than on the project.
test_trap_enabled_at_organisation if {
	org := object.union(config, {"id": "organizations/123/auditConfigs/allServices", "account": "123", "covers": ["allServices"]})
	count(findings([org])) == 0
}

test_trap_folder_and_project_add_up if {
	folder := object.union(with_types(config, ["DATA_READ"]), {"id": "folders/9/auditConfigs/cloudkms.googleapis.com", "account": "9", "covers": ["cloudkms.googleapis.com", "projects/p1"]})
	count(findings([folder, with_types(config, ["DATA_WRITE"])])) == 0
}

test_unknown_folder_config_for_other_project if {
	folder := object.union(config, {"id": "folders/9/auditConfigs/cloudkms.googleapis.com", "account": "9", "covers": ["cloudkms.googleapis.com", "projects/other"]})
	fs := findings([folder])
	count(fs) == 1
	some r in fs
	r.status == "unknown"
}

# Trap: two projects scanned, the second one's IAM policy denied. Its missing audit config is unknown,
# not a failure judged by the first project's configuration.
test_trap_other_project_unread_is_unknown if {
	k2 := object.union(key, {"account": "p2", "id": "projects/p2/locations/global/keyRings/r/cryptoKeys/k"})
	fs := check.deny with input as {"keys": [key, k2], "containers": [], "logging": [config]}
	count(fs) == 1
	some r in fs
	r.status == "unknown"
	r.resource.id == "projects/p2"
}

test_unknown_when_no_audit_config_collected if {
	some r in findings([])
	r.status == "unknown"
}

test_allow_normalised_flags if {
	c := object.union(object.remove(config, ["raw"]), {"readEvents": true, "writeEvents": true})
	count(findings([c])) == 0
}
