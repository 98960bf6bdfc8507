# METADATA
# title: "Enclave attestation values match the approved images"
# description: >-
#   PCR and image-digest values in the attestation conditions of an enclave key's policy appear in the
#   profile's enclavePcrs list of approved (golden) values, compared as lower-case hex. Without a golden
#   list the check cannot decide and reports unknown (the anchor's MANUAL).
# related_resources:
#   - ref: https://docs.aws.amazon.com/enclaves/latest/user/set-up-attestation.html
# custom:
#   id: aws-kms-enclave-pcr-golden-match
#   severity: medium
#   remediation: >-
#     Update the key policy to the approved enclave image measurements, or add the new measurements to enclavePcrs after review.
#   providers: [aws]
#   service: kms
#   tags:
#     - "prowler:kms_key_enclave_attestation_pcr_mismatch"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.3", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.5.18", "A.8.2", "A.5.3"]
#     nist-800-53-r5: ["AC-3", "AC-5", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3"]
package keywarden.checks.aws_kms_enclave_pcr_golden_match

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "aws-kms-enclave-pcr-golden-match"

enclave_key(k) if keys.has_tag(k, "enclave")

enclave_key(k) if keys.has_tag(k, "nitro-enclave")

enclave_key(k) if contains(lower(object.get(k, "description", "")), "enclave")

attestation_keys(s) := {lower(ck) |
	some _, kv in object.get(s, "conditions", {})
	some ck, _ in kv
	startswith(lower(ck), "kms:recipientattestation:")
}

golden := {lower(v) | some v in thresholds.value("enclavePcrs")}

measured(k) := {[lower(ck), lower(v)] |
	some s in access.statements(k)
	some _, kv in object.get(s, "conditions", {})
	some ck, val in kv
	startswith(lower(ck), "kms:recipientattestation:")
	some v in as_list(val)
}

as_list(v) := v if is_array(v)

as_list(v) := [v] if is_string(v)

in_scope(k) if {
	k.provider == "aws"
	keys.customer_managed(k)
	keys.enabled(k)
	enclave_key(k)
	not keys.exempt(k, check_id)
	count(measured(k)) > 0
}

deny contains result.fail_with(
	sprintf("%s: %s value %s is not an approved enclave measurement", [result.label(k), m[0], m[1]]),
	k, {"condition": m[0], "value": m[1]},
) if {
	count(golden) > 0
	some k in input.keys
	in_scope(k)
	some m in measured(k)
	not m[1] in golden
}

deny contains result.unknown("no golden enclave measurements configured (enclavePcrs in the threshold profile)", k) if {
	count(golden) == 0
	some k in input.keys
	in_scope(k)
}
