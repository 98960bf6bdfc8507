# METADATA
# title: "Projects holding Cloud KMS keys have no human Owner"
# description: >-
#   No user or group holds roles/owner on a project that contains Cloud KMS keys: Owner can grant itself
#   every KMS permission and decrypt everything. Service accounts are not flagged (SCC reports "a user"),
#   and break-glass principals listed in the profile's breakGlassPrincipals are accepted. Project IAM is
#   read from a project record (container kind `project`) or from the project-level statements the
#   collector attaches to keys as inherited access. When neither was collected, the result is unknown.
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/separation-of-duties
#   - ref: https://cloud.google.com/iam/docs/understanding-roles#basic
# custom:
#   id: gcp-kms-project-no-owner
#   severity: medium
#   remediation: >-
#     Replace roles/owner by narrower roles (roles/cloudkms.admin for key administrators), keep owners in a
#     separate break-glass process: gcloud projects remove-iam-policy-binding <project> --member user:<x> --role roles/owner.
#   providers: [gcp]
#   service: iam
#   tags:
#     - "scc:KMS_PROJECT_HAS_OWNER"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.5.18", "A.8.2", "A.5.3"]
#     nist-800-53-r5: ["AC-5", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.3"]
package keywarden.checks.gcp_kms_project_no_owner

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "gcp-kms-project-no-owner"

projects := {k.account | some k in input.keys; k.provider == "gcp"; keys.customer_managed(k)}

project_name(p) := concat("", ["projects/", p])

record(p) := c if {
	some c in object.get(input, "containers", [])
	c.provider == "gcp"
	c.kind in {"project", "gcp-project"}
	c.account == p
}

# Project-level statements: the project record's own, and those keys inherited from the project.
project_statements(p) := array.concat(
	[s | c := record(p); some s in access.statements(c)],
	[s | some k in input.keys; k.provider == "gcp"; k.account == p; some s in access.statements(k); s.source == "inherited"; s.scope == project_name(p)],
)

collected(p) if is_array(record(p).access)

collected(p) if count(project_statements(p)) > 0

human(m) if startswith(lower(m), "user:")

human(m) if startswith(lower(m), "group:")

owners(p) := sort({m |
	some s in project_statements(p)
	access.allows(s)
	"roles/owner" in s.actions
	some m in s.principals
	human(m)
	not m in thresholds.value("breakGlassPrincipals")
})

subject(p) := record(p)

subject(p) := {"provider": "gcp", "account": p, "id": project_name(p), "ref": {"provider": "gcp", "account": p, "id": project_name(p), "type": "project"}} if not record(p)

deny contains result.fail_with(sprintf("project %s holds Cloud KMS keys and has human owners: %v", [p, owners(p)]), subject(p), {"owners": owners(p)}) if {
	some p in projects
	count(owners(p)) > 0
	not keys.exempt(subject(p), check_id)
}

deny contains result.unknown(reason(p), subject(p)) if {
	some p in projects
	not collected(p)
	not keys.exempt(subject(p), check_id)
}

reason(p) := keys.unknown_reason(record(p), ["access", "iamPolicy"])

reason(p) := "the project IAM policy was not collected" if not keys.unknown_reason(record(p), ["access", "iamPolicy"])
