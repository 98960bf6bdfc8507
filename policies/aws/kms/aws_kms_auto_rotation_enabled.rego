# METADATA
# title: "KMS customer keys rotate automatically"
# description: >-
#   Enabled customer-managed SYMMETRIC_DEFAULT keys with AWS_KMS origin have automatic key rotation on.
#   Keys that cannot auto-rotate (asymmetric, HMAC, imported, CloudHSM or external key store) are out of
#   scope here and judged by key-manual-rotation-age; AWS-managed keys, multi-Region replicas (rotation
#   is set on the primary) and keys that are not Enabled are out of scope too.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html
# custom:
#   id: aws-kms-auto-rotation-enabled
#   severity: high
#   remediation: >-
#     Turn on automatic rotation: aws kms enable-key-rotation --key-id <key> [--rotation-period-in-days 365].
#   providers: [aws]
#   service: kms
#   tags:
#     - "prowler:kms_cmk_rotation_enabled"
#     - "aws-config:cmk-backing-key-rotation-enabled"
#     - "securityhub:KMS.4"
#     - "controltower:CT.KMS.PR.1"
#     - "steampipe:kms_cmk_rotation_enabled"
#     - "custodian:key-rotation-status"
#   frameworks:
#     cis-aws-1.4: ["3.8"]
#     cis-aws-3.0: ["3.6"]
#     cis-aws-5.0: ["3.6"]
#     cis-aws-6.0: ["4.6"]
#     cis-aws-7.0: ["4.6"]
#     pci-dss-4.0.1: ["3.7.4", "3.7.5"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(2)"]
#     soc2: ["CC6.1"]
package keywarden.checks.aws_kms_auto_rotation_enabled

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "aws-kms-auto-rotation-enabled"

in_scope(k) if {
	k.provider == "aws"
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.replica(k)
	keys.can_auto_rotate(k)
	not keys.exempt(k, check_id)
}

deny contains result.fail_with(sprintf("%s: automatic key rotation is off", [result.label(k)]), k, {"rotationEnabled": false, "spec": object.get(k, "spec", null)}) if {
	some k in input.keys
	in_scope(k)
	k.rotation.enabled == false
}

deny contains result.unknown(reason(k), k) if {
	some k in input.keys
	in_scope(k)
	not is_boolean(object.get(k, ["rotation", "enabled"], null))
}

reason(k) := keys.unknown_reason(k, ["rotation"])

reason(k) := "the rotation status (GetKeyRotationStatus) was not collected" if not keys.unknown_reason(k, ["rotation"])
