# METADATA
# title: "Few principals can use each Cloud KMS key"
# description: >-
#   At most maxKeyUsers principals (default 3, tightened by the data-class label) hold a role that can
#   use the key for cryptography (Encrypter/Decrypter, Signer/Verifier, MAC, cryptoOperator, owner),
#   counting bindings on the key and those inherited from the key ring, project, folder and
#   organisation, each principal once (Steampipe counts members per binding across all roles, viewers
#   and admins included, without de-duplicating). CMEK service agents (service-*@gs-project-accounts,
#   gcp-sa-* and compute-system accounts) are Google-managed and not counted. Groups count as one
#   principal because their membership is not expanded. An IAM policy that could not be read is unknown.
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/reference/permissions-and-roles
#   - ref: https://cloud.google.com/kms/docs/separation-of-duties
# custom:
#   id: gcp-kms-too-many-key-users
#   severity: medium
#   remediation: >-
#     Remove usage roles from principals that do not need them, grant them on the key rather than the key ring
#     or project, and route applications through one service account per workload.
#   providers: [gcp]
#   service: kms
#   tags:
#     - "scc:TOO_MANY_KMS_USERS"
#     - "steampipe:kms_key_users_limited_to_3"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.5.18", "A.8.2"]
#     nist-800-53-r5: ["AC-3", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.3"]
package keywarden.checks.gcp_kms_too_many_key_users

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "gcp-kms-too-many-key-users"

in_scope(k) if {
	k.provider == "gcp"
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

usage_roles := {
	"roles/cloudkms.cryptokeyencrypterdecrypter", "roles/cloudkms.cryptokeyencrypter", "roles/cloudkms.cryptokeydecrypter",
	"roles/cloudkms.cryptooperator", "roles/cloudkms.signerverifier", "roles/cloudkms.signer",
	"roles/cloudkms.cryptokeyencrypterdecrypterviadelegation", "roles/cloudkms.cryptokeydecrypterviadelegation",
	"roles/cloudkms.cryptokeyencrypterviadelegation", "roles/owner",
}

service_agent(p) if regex.match(`^serviceAccount:service-\d+@(gs-project-accounts|gcp-sa-[a-z0-9-]+|compute-system|container-engine-robot)\.iam\.gserviceaccount\.com$`, p)

ring_statements(k) := [s | some c in object.get(input, "containers", []); c.id == k.container; some s in access.statements(c)]

effective(k) := array.concat(access.statements(k), ring_statements(k))

users(k) := sort({p |
	some s in effective(k)
	access.allows(s)
	some a in s.actions
	lower(a) in usage_roles
	some p in s.principals
	not service_agent(p)
})

limit(k) := thresholds.for_key("maxKeyUsers", k)

deny contains result.fail_with(
	sprintf("%s: %d principals can use the key (limit %d): %v", [result.label(k), count(users(k)), limit(k), users(k)]),
	k, {"users": users(k), "applied": thresholds.applied("maxKeyUsers", k)},
) if {
	some k in input.keys
	in_scope(k)
	count(users(k)) > limit(k)
}

deny contains result.unknown(keys.unknown_reason(k, ["access", "iamPolicy"]), k) if {
	some k in input.keys
	in_scope(k)
	count(users(k)) <= limit(k)
	keys.unknown_reason(k, ["access", "iamPolicy"])
}
