# METADATA
# title: "KMS key policies do not grant access to everyone"
# description: >-
#   No Allow statement in a customer key's policy gives Principal "*" (or {"AWS": "*"}) any KMS action,
#   DescribeKey included, unless a condition on the caller's account, organisation, source or calling
#   service (kms:CallerAccount, aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount,
#   aws:SourceArn, kms:ViaService, ...) narrows it. Condition keys are case-insensitive, Deny statements
#   are not grants, the default root-account statement delegates to IAM, and a policy the scanner could
#   not read is reported as unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/kms-key-policy-no-public-access.html
# custom:
#   id: aws-kms-key-policy-not-public
#   severity: critical
#   remediation: >-
#     Replace Principal "*" with the accounts or roles that need the key, or add a condition such as kms:CallerAccount or aws:PrincipalOrgID; then aws kms put-key-policy.
#   providers: [aws]
#   service: kms
#   tags:
#     - "prowler:kms_key_not_publicly_accessible"
#     - "aws-config:kms-key-policy-no-public-access"
#     - "securityhub:KMS.5"
#     - "steampipe:kms_cmk_policy_prohibit_public_access"
#     - "steampipe-perimeter:kms_key_policy_prohibit_public_access"
#   frameworks:
#     cis-aws-7.0: ["2.21"]
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.3", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.5.18", "A.8.2", "A.5.3"]
#     nist-800-53-r5: ["AC-3", "AC-5", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3"]
package keywarden.checks.aws_kms_key_policy_not_public

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "aws-kms-key-policy-not-public"

in_scope(k) if {
	k.provider == "aws"
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

deny contains result.fail_with(
	sprintf("%s: key policy statement %s allows %s to everyone (Principal *) without a restricting condition", [result.label(k), sid(s), concat(", ", s.actions)]),
	k, {"statement": s},
) if {
	some k in input.keys
	in_scope(k)
	some s in access.statements(k)
	object.get(s, "source", "key-policy") == "key-policy"
	access.public_grant(s)
}

deny contains result.unknown(keys.unknown_reason(k, ["policy", "access", "rawPolicy"]), k) if {
	some k in input.keys
	in_scope(k)
	keys.unknown_reason(k, ["policy", "access", "rawPolicy"])
}

deny contains result.unknown("the key policy (GetKeyPolicy) was not collected", k) if {
	some k in input.keys
	in_scope(k)
	not keys.unknown_reason(k, ["policy", "access", "rawPolicy"])
	not access.has_statements(k)
}

sid(s) := sprintf("%q", [s.sid]) if is_string(s.sid)

sid(s) := "(no Sid)" if not is_string(object.get(s, "sid", null))
