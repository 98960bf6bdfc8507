# METADATA
# title: "CloudTrail records KMS management events in every account"
# description: >-
#   Each AWS account in scope has an enabled multi-Region trail or CloudTrail Lake store (or an
#   organization trail) that records read and write management events and does not exclude
#   kms.amazonaws.com. Without it, log-based checks on that account cannot see key usage. Trails whose
#   settings could not be read make the result unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
# custom:
#   id: aws-cloudtrail-captures-kms-events
#   severity: high
#   remediation: >-
#     Create or fix a multi-Region trail: aws cloudtrail put-event-selectors with ReadWriteType All and no ExcludeManagementEventSources entry for kms.amazonaws.com (or a CloudTrail Lake store that collects KMS events).
#   providers: [aws]
#   service: cloudtrail
#   tags:
#     - "cis-aws:cloudtrail-enabled-all-regions"
#   frameworks:
#     pci-dss-4.0.1: ["10.2.1", "10.2.1.2", "10.2.2", "10.3.1", "10.5.1"]
#     iso-27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-3", "AU-9", "AU-11", "AU-12"]
#     soc2: ["CC7.2"]
package keywarden.checks.aws_cloudtrail_captures_kms_events

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "aws-cloudtrail-captures-kms-events"

accounts := {a | some k in input.keys; k.provider == "aws"; a := k.account}
	| {a | some a in object.get(input, ["scope", "aws", "accounts"], [])}
	| {l.account | some l in input.logging; l.provider == "aws"}

captures_kms(l) if {
	l.provider == "aws"
	l.kind in {"cloudtrail-trail", "other"}
	l.enabled == true
	l.multiRegion == true
	l.readEvents == true
	l.writeEvents == true
	"kms" in object.get(l, "covers", [])
}

covered(acct) if {
	some l in input.logging
	captures_kms(l)
	l.account == acct
}

covered(acct) if {
	some l in input.logging
	captures_kms(l)
	l.organization == true
}

unreadable(acct) := sort([sprintf("%s: %s", [l.id, r]) | some l in input.logging; l.provider == "aws"; l.account == acct; some f, r in l.unknown])

account_ref(acct) := {"provider": "aws", "account": acct, "id": sprintf("aws-account:%s", [acct]), "type": "account"}

deny contains {
	"msg": sprintf("AWS account %s: no enabled multi-Region trail records KMS management events (read and write)", [acct]),
	"resource": account_ref(acct),
	"status": "fail",
	"evidence": {"trails": sort([l.id | some l in input.logging; l.provider == "aws"; l.account == acct])},
} if {
	some acct in accounts
	not covered(acct)
	count(unreadable(acct)) == 0
}

deny contains {
	"msg": sprintf("AWS account %s: cannot tell whether KMS events are logged", [acct]),
	"resource": account_ref(acct),
	"status": "unknown",
	"reason": concat("; ", unreadable(acct)),
	"evidence": {},
} if {
	some acct in accounts
	not covered(acct)
	count(unreadable(acct)) > 0
}
