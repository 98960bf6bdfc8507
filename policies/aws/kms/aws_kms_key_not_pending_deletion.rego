# METADATA
# title: "KMS customer keys are not scheduled for deletion"
# description: >-
#   A customer key in PendingDeletion (or PendingReplicaDeletion) will be destroyed with everything it
#   protects. Intentional decommissioning or crypto-shredding is documented with a change-ticket tag
#   (`change-ticket`, `decommission-ticket`) or the keywarden-exempt tag.
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/kms-cmk-not-scheduled-for-deletion.html
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
# custom:
#   id: aws-kms-key-not-pending-deletion
#   severity: critical
#   remediation: >-
#     If the deletion is a mistake: aws kms cancel-key-deletion --key-id <key> then enable-key. If intended, tag the key change-ticket=<id>.
#   providers: [aws]
#   service: kms
#   tags:
#     - "prowler:kms_cmk_not_deleted_unintentionally"
#     - "aws-config:kms-cmk-not-scheduled-for-deletion"
#     - "securityhub:KMS.3"
#     - "steampipe:kms_key_not_pending_deletion"
#   frameworks:
#     cis-aws-5.0: ["4.7"]
#     cis-aws-6.0: ["5.7"]
#     pci-dss-4.0.1: ["3.7.5"]
#     iso-27001-2022: ["A.8.24", "A.8.10"]
#     nist-800-53-r5: ["SC-12", "SC-12(1)"]
#     soc2: ["CC6.1", "CC6.5"]
package keywarden.checks.aws_kms_key_not_pending_deletion

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "aws-kms-key-not-pending-deletion"

ticket_tags := ["change-ticket", "decommission-ticket"]

documented(k) if {
	some t in ticket_tags
	keys.has_tag(k, t)
}

documented(k) if keys.exempt(k, check_id)

deny contains result.fail_with(
	sprintf("%s: scheduled for deletion%s", [result.label(k), when(k)]),
	k, {"state": object.get(k, "rawState", k.state), "deletionScheduledAt": object.get(k, "deletionScheduledAt", null), "deletionWindowDays": object.get(k, "deletionWindowDays", null)},
) if {
	some k in input.keys
	k.provider == "aws"
	keys.customer_managed(k)
	keys.pending_deletion(k)
	not documented(k)
}

when(k) := sprintf(" on %s (in %d days)", [k.deletionScheduledAt, dates.days_until(k.deletionScheduledAt)]) if dates.valid(k.deletionScheduledAt)

when(k) := "" if not dates.valid(object.get(k, "deletionScheduledAt", null))

deny contains result.unknown(keys.unknown_reason(k, ["state"]), k) if {
	some k in input.keys
	k.provider == "aws"
	keys.customer_managed(k)
	keys.unknown_reason(k, ["state"])
}
