# METADATA
# title: "KMS multi-Region keys are justified"
# description: >-
#   Multi-Region keys copy key material to other Regions; each needs a recorded reason (tag
#   `mrk-justification` or `multi-region-justification`). The finding is reported once per key set, on
#   the primary; a replica is reported only when its primary is not in the inventory.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
# custom:
#   id: aws-kms-multi-region-justified
#   severity: medium
#   remediation: >-
#     Tag the primary key mrk-justification=<reason or ticket>, or replace the multi-Region key with single-Region keys.
#   providers: [aws]
#   service: kms
#   tags:
#     - "prowler:kms_cmk_not_multi_region"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.2", "3.6.1.4", "3.7.3"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(6)"]
#     soc2: ["CC6.1"]
package keywarden.checks.aws_kms_multi_region_justified

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "aws-kms-multi-region-justified"

justification_tags := ["mrk-justification", "multi-region-justification"]

justified(k) if {
	some t in justification_tags
	keys.has_tag(k, t)
}

justified(k) if keys.exempt(k, check_id)

ids := {k.id | some k in input.keys}

# The key that speaks for its key set: the primary, or a replica whose primary was not collected.
representative(k) if not keys.replica(k)

representative(k) if {
	keys.replica(k)
	not k.multiRegion.primaryId in ids
}

deny contains result.fail_with(
	sprintf("%s: multi-Region key (%d replica(s)) without a justification tag", [result.label(k), count(object.get(k, ["multiRegion", "replicaIds"], []))]),
	k, {"multiRegion": k.multiRegion},
) if {
	some k in input.keys
	k.provider == "aws"
	keys.customer_managed(k)
	keys.multi_region(k)
	not keys.pending_deletion(k)
	representative(k)
	not justified(k)
}
