# METADATA
# title: "No principal both administers and uses a key"
# description: >-
#   No principal holds key-administration rights (GCP roles/cloudkms.admin; Azure Key Vault
#   Administrator or Crypto Officer, or access-policy create/delete/purge/import; AWS kms:PutKeyPolicy,
#   ScheduleKeyDeletion, DisableKey, Create*) and key-usage rights (GCP cryptoKey Encrypter/Decrypter
#   roles; Azure Crypto User roles or encrypt/decrypt/wrap/unwrap/sign permissions; AWS Encrypt, Decrypt,
#   ReEncrypt*, GenerateDataKey*, Sign) on the same key, whatever the order of bindings and whether
#   they come from the key, its key ring or vault, or inherited scopes. The AWS root statement
#   (delegation to IAM) is not a principal; break-glass principals are listed in breakGlassPrincipals.
#   Group membership is not expanded (the collectors do not read directories).
# related_resources:
#   - ref: https://docs.cloud.google.com/kms/docs/separation-of-duties
# custom:
#   id: kms-admin-usage-separation
#   severity: medium
#   remediation: >-
#     Split the roles: give administration and usage to different principals (remove roles/cloudkms.cryptoKeyEncrypterDecrypter from the admin, or kms:Decrypt from the key administrators).
#   providers: [aws, azure, gcp]
#   service: keys
#   tags:
#     - "prowler:iam_role_kms_enforce_separation_of_duties"
#     - "scc:KMS_ROLE_SEPARATION"
#     - "steampipe:kms_key_separation_of_duties_enforced"
#   frameworks:
#     cis-gcp-2.0: ["1.11"]
#     cis-gcp-3.0: ["1.11"]
#     cis-gcp-4.0: ["1.11"]
#     cis-gcp-5.0: ["1.12"]
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.3", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.5.18", "A.8.2", "A.5.3"]
#     nist-800-53-r5: ["AC-3", "AC-5", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3"]
package keywarden.checks.kms_admin_usage_separation

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "kms-admin-usage-separation"

admin_rights := [
	"roles/cloudkms.admin", "key vault administrator", "key vault crypto officer",
	"create", "delete", "purge", "import", "setrotationpolicy",
	"kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:CreateKey", "kms:CreateAlias", "kms:UpdateKeyDescription",
]

usage_rights := [
	"roles/cloudkms.cryptoKeyEncrypterDecrypter", "roles/cloudkms.cryptoKeyEncrypter", "roles/cloudkms.cryptoKeyDecrypter",
	"roles/cloudkms.cryptoOperator", "roles/cloudkms.signerVerifier", "roles/cloudkms.signer",
	"key vault crypto user", "key vault crypto service encryption user",
	"encrypt", "decrypt", "wrapkey", "unwrapkey", "sign",
	"kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey", "kms:Sign",
]

break_glass := {lower(p) | some p in thresholds.value("breakGlassPrincipals")}

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

# Exact for role names and Azure permissions; glob for AWS action patterns (kms:* covers both sides).
# Rights are compared lower-cased (computed once, not per statement and action).
admin_set := {lower(r) | some r in admin_rights}

usage_set := {lower(r) | some r in usage_rights}

holds(s, rights) if {
	some a in s.actions
	lower(a) in rights
}

# An IAM wildcard action (kms:*, kms:Re*) covers the AWS rights it matches; only * and ? are
# wildcards in IAM, so actions without them are settled by the equality above.
holds(s, rights) if {
	some a in s.actions
	iam_wildcard(a)
	some r in rights
	startswith(r, "kms:")
	access.action_covers(a, r)
}

iam_wildcard(a) if contains(a, "*")

iam_wildcard(a) if contains(a, "?")

principals_with(k, rights) := {p |
	some s in access.statements(k)
	access.allows(s)
	holds(s, rights)
	some p in s.principals
	not access.root_principal(p)
	not access.public_principal(p)
	not access.service_principal(p)
	not lower(p) in break_glass
}

deny contains result.fail_with(
	sprintf("%s: %s can both administer and use the key", [result.label(k), p]),
	k, {"principal": p},
) if {
	some k in input.keys
	in_scope(k)
	some p in principals_with(k, admin_set) & principals_with(k, usage_set)
}

deny contains result.unknown(keys.unknown_reason(k, ["access", "policy"]), k) if {
	some k in input.keys
	in_scope(k)
	keys.unknown_reason(k, ["access", "policy"])
}
