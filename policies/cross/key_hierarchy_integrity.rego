# METADATA
# title: "Nothing depends on a key that cannot be used"
# description: >-
#   Resources that encrypt with a KMS key (today: CloudTrail trails through KmsKeyId) do not depend on a
#   key that is disabled, pending deletion, destroyed or unavailable: their writes fail or their data
#   becomes unreadable. The key is matched by id or alias. From "Checks no anchor has" (key hierarchy and
#   envelope integrity); other consumers (S3, EBS, RDS, CMEK references) need collectors that read them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-determining-usage.html
# custom:
#   id: key-hierarchy-integrity
#   severity: high
#   remediation: >-
#     Re-enable the key or cancel its deletion, or move the resource to a usable key before the old one is destroyed.
#   providers: [aws]
#   service: keys
#   section: "checks.md section 2, item 4 (key hierarchy and envelope integrity)"
#   tags:
#     - "securityhub:KMS.3"
#     - "cis-aws:cloudtrail-kms-encryption"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.5"]
#     iso-27001-2022: ["A.8.24", "A.8.10"]
#     nist-800-53-r5: ["SC-12", "SC-12(1)"]
#     soc2: ["CC6.1", "CC6.5"]
package keywarden.checks.key_hierarchy_integrity

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "key-hierarchy-integrity"

# Inventory keys by every name a consumer may use: id, ARN, alias, alias ARN.
key_named(name) := k if {
	some k in input.keys
	name in names(k)
}

names(k) := {k.id} | {a | some a in object.get(k, "aliases", [])} | {alias_arn(k, a) | some a in object.get(k, "aliases", [])}

alias_arn(k, a) := sprintf("arn:aws:kms:%s:%s:%s", [object.get(k, "region", ""), object.get(k, "account", ""), a])

unusable(k) if keys.state(k) in {"disabled", "pending-deletion", "destroyed", "unavailable", "pending-import"}

unusable(k) if keys.pending_deletion(k)

deny contains result.fail_with(
	sprintf("%s: encrypts with %s, which is %s", [result.label(l), result.label(k), keys.state(k)]),
	l, {"key": k.id, "keyState": keys.state(k)},
) if {
	some l in input.logging
	is_string(l.encryptedWithKey)
	k := key_named(l.encryptedWithKey)
	unusable(k)
	not keys.exempt(k, check_id)
}
