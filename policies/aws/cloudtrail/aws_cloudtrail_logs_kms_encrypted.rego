# METADATA
# title: "CloudTrail log files are encrypted with a KMS key"
# description: >-
#   Every CloudTrail trail encrypts its log files with a customer KMS key (KmsKeyId). That key should
#   itself pass the rotation and not-pending-deletion checks.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
# custom:
#   id: aws-cloudtrail-logs-kms-encrypted
#   severity: medium
#   remediation: >-
#     aws cloudtrail update-trail --name <trail> --kms-key-id <key ARN> (the key policy must allow cloudtrail.amazonaws.com to GenerateDataKey*).
#   providers: [aws]
#   service: cloudtrail
#   tags:
#     - "securityhub:CloudTrail.2"
#     - "aws-config:cloud-trail-encryption-enabled"
#     - "prowler:cloudtrail_kms_encryption_enabled"
#   frameworks:
#     cis-aws-1.4: ["3.7"]
#     cis-aws-3.0: ["3.5"]
#     cis-aws-5.0: ["3.5"]
#     cis-aws-6.0: ["4.5"]
#     cis-aws-7.0: ["4.5"]
#     pci-dss-4.0.1: ["10.2.1", "10.2.1.2", "10.2.2", "10.3.1", "10.5.1"]
#     iso-27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-3", "AU-9", "AU-11", "AU-12"]
#     soc2: ["CC7.2"]
package keywarden.checks.aws_cloudtrail_logs_kms_encrypted

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "aws-cloudtrail-logs-kms-encrypted"

trails contains l if {
	some l in input.logging
	l.provider == "aws"
	l.kind == "cloudtrail-trail"
}

deny contains result.fail(sprintf("%s: log files are not encrypted with a KMS key", [result.label(l)]), l) if {
	some l in trails
	not is_string(l.encryptedWithKey)
	not keys.unknown_field(l, "encryptedWithKey")
}

deny contains result.unknown(keys.unknown_reason(l, ["encryptedWithKey"]), l) if {
	some l in trails
	keys.unknown_field(l, "encryptedWithKey")
}
