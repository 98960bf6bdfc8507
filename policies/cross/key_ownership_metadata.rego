# METADATA
# title: "Keys carry the required ownership tags"
# description: >-
#   Customer keys carry every tag or label named in the profile's requiredTags (owner in cis; owner and
#   data-class in pci-dss), names compared case-insensitively and empty values not counting. On Azure
#   and GCP a tag on the key's vault or key ring counts too. Provider-managed keys, keys pending deletion
#   and destroyed keys are out of scope; PKCS#11 objects have no tags.
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/kms-key-tagged.html
# custom:
#   id: key-ownership-metadata
#   severity: low
#   remediation: >-
#     Tag the key: aws kms tag-resource --tags TagKey=owner,TagValue=<team>; az keyvault key set-attributes --tags owner=<team>; gcloud kms keys update --update-labels owner=<team>.
#   providers: [aws, azure, gcp]
#   service: keys
#   tags:
#     - "aws-config:kms-key-tagged"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1.1", "12.3.3"]
#     iso-27001-2022: ["A.5.9", "A.8.24"]
#     nist-800-53-r5: ["CM-8", "SC-12"]
#     soc2: ["CC6.1"]
package keywarden.checks.key_ownership_metadata

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "key-ownership-metadata"

in_scope(k) if {
	k.provider in {"aws", "azure", "gcp"}
	keys.customer_managed(k)
	not keys.pending_deletion(k)
	keys.state(k) != "destroyed"
	not keys.exempt(k, check_id)
}

container_of(k) := c if {
	some c in object.get(input, "containers", [])
	c.id == k.container
}

has(k, name) if keys.has_tag(k, name)

has(k, name) if {
	k.provider in {"azure", "gcp"}
	keys.has_tag(container_of(k), name)
}

missing(k) := sort([t | some t in thresholds.value("requiredTags"); not has(k, t)])

deny contains result.fail_with(
	sprintf("%s: missing required tag(s) %s", [result.label(k), concat(", ", missing(k))]),
	k, {"missing": missing(k), "tags": object.get(k, "tags", {})},
) if {
	some k in input.keys
	in_scope(k)
	not keys.unknown_field(k, "tags")
	count(missing(k)) > 0
}

deny contains result.unknown(keys.unknown_reason(k, ["tags"]), k) if {
	some k in input.keys
	in_scope(k)
	keys.unknown_field(k, "tags")
}
