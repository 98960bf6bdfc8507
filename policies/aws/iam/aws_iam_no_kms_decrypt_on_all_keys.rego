# METADATA
# title: "IAM policies do not allow decrypting with every KMS key"
# description: >-
#   No customer-managed or inline IAM policy (attached or not) has an Allow statement that grants
#   kms:Decrypt or kms:ReEncryptFrom, through kms:*, *, kms:De*, NotAction or any other pattern, on all
#   keys: Resource "*", a key ARN pattern with wildcards for Region and key id such as
#   arn:aws:kms:*:111122223333:key/*, or a NotResource that leaves the keys in. Conditions are not
#   considered (as AWS Security Hub KMS.1/KMS.2 and AWS Config do): a kms:ViaService-scoped wildcard
#   still fails. An account whose IAM policies could not be read is reported as unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/iam-customer-policy-blocked-kms-actions.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
# custom:
#   id: aws-iam-no-kms-decrypt-on-all-keys
#   severity: medium
#   remediation: >-
#     Replace Resource "*" with the ARNs of the keys the identity needs (arn:aws:kms:<region>:<account>:key/<id>), or move the decrypt permission into those keys' policies; then aws iam create-policy-version --set-as-default.
#   providers: [aws]
#   service: iam
#   tags:
#     - "securityhub:KMS.1"
#     - "securityhub:KMS.2"
#     - "aws-config:iam-customer-policy-blocked-kms-actions"
#     - "aws-config:iam-inline-policy-blocked-kms-actions"
#     - "prowler:iam_policy_no_full_access_to_kms"
#     - "prowler:iam_inline_policy_no_full_access_to_kms"
#     - "steampipe:kms_key_decryption_restricted_in_iam_customer_managed_policy"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.5.15", "A.5.18", "A.8.2", "A.8.24"]
#     nist-800-53-r5: ["AC-3", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.3"]
package keywarden.checks.aws_iam_no_kms_decrypt_on_all_keys

import rego.v1

import data.keywarden.lib.result

check_id := "aws-iam-no-kms-decrypt-on-all-keys"

decrypt_actions := ["kms:Decrypt", "kms:ReEncryptFrom"]

accounts := [c | some c in input.containers; c.provider == "aws"; c.kind == "aws-account"]

not_values(s, name) := object.get(body, "values", []) if {
	some op, body in object.get(s, "conditions", {})
	lower(op) == name
}

# Allowed action pattern (case-insensitive glob) or NotAction that does not exclude it.
grants(s, action) if {
	not not_values(s, "notaction")
	some a in s.actions
	glob.match(lower(a), null, lower(action))
}

grants(s, action) if {
	vs := not_values(s, "notaction")
	not excluded(vs, action)
}

excluded(patterns, action) if {
	some p in patterns
	glob.match(lower(p), null, lower(action))
}

probes(acct) := [
	sprintf("arn:aws:kms:us-east-1:%s:key/00000000-probe", [acct]),
	sprintf("arn:aws:kms:ap-southeast-2:%s:key/zzzz-other", [acct]),
]

# A Resource pattern matches every key when it matches keys in two Regions with two unrelated ids.
all_keys_pattern(r, acct) if {
	every p in probes(acct) {
		glob.match(lower(r), null, p)
	}
}

on_all_keys(s, acct) if {
	not not_values(s, "notresource")
	some r in object.get(s, "resources", [])
	all_keys_pattern(r, acct)
}

on_all_keys(s, acct) if {
	vs := not_values(s, "notresource")
	not some_key_excluded(vs, acct)
}

some_key_excluded(patterns, acct) if {
	some r in patterns
	some p in probes(acct)
	glob.match(lower(r), null, p)
}

offending(c) := {s.policy: s |
	some s in c.access
	s.source == "iam"
	lower(s.effect) == "allow"
	on_all_keys(s, c.account)
	some action in decrypt_actions
	grants(s, action)
}

policy_ref(c, id) := {"provider": "aws", "account": c.account, "type": "iam-policy", "id": id}

deny contains {
	"msg": sprintf("IAM policy %s allows %s on all KMS keys of account %s", [id, concat(", ", [a | some a in decrypt_actions; grants(s, a)]), c.account]),
	"resource": policy_ref(c, id),
	"status": "fail",
	"evidence": {"actions": s.actions, "resources": object.get(s, "resources", []), "principals": s.principals},
} if {
	some c in accounts
	is_array(c.access)
	some id, s in offending(c)
}

deny contains result.unknown(c.unknown.access, c) if {
	some c in accounts
	is_string(object.get(object.get(c, "unknown", {}), "access", null))
}
