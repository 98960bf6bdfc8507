# METADATA
# title: "Nitro Enclave keys require attestation on every sensitive Allow"
# description: >-
#   On keys used by Nitro Enclaves (tag `enclave` or `nitro-enclave`, or "enclave" in the description),
#   every Allow of Decrypt, GenerateDataKey*, GenerateRandom or DeriveSharedSecret to a principal other
#   than the account root requires a kms:RecipientAttestation:* condition; an Allow without it is a
#   bypass path around attestation. Untagged enclave keys cannot be recognised.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/services-nitro-enclaves.html
# custom:
#   id: aws-kms-enclave-attestation-enforced
#   severity: high
#   remediation: >-
#     Add "StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": "<digest>"} (or PCR conditions) to each sensitive Allow, and remove Allows that bypass attestation.
#   providers: [aws]
#   service: kms
#   tags:
#     - "prowler:kms_key_enclave_attestation_not_enforced"
#     - "prowler:kms_key_enclave_attestation_bypassable_path"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.3", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.5.18", "A.8.2", "A.5.3"]
#     nist-800-53-r5: ["AC-3", "AC-5", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3"]
package keywarden.checks.aws_kms_enclave_attestation_enforced

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "aws-kms-enclave-attestation-enforced"

sensitive := ["kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyPair", "kms:GenerateRandom", "kms:DeriveSharedSecret"]

enclave_key(k) if keys.has_tag(k, "enclave")

enclave_key(k) if keys.has_tag(k, "nitro-enclave")

enclave_key(k) if contains(lower(object.get(k, "description", "")), "enclave")

attestation_keys(s) := {lower(ck) |
	some _, kv in object.get(s, "conditions", {})
	some ck, _ in kv
	startswith(lower(ck), "kms:recipientattestation:")
}

deny contains result.fail_with(
	sprintf("%s: enclave key lets %s use %s without a kms:RecipientAttestation condition", [result.label(k), concat(", ", s.principals), concat(", ", s.actions)]),
	k, {"statement": s},
) if {
	some k in input.keys
	k.provider == "aws"
	keys.customer_managed(k)
	keys.enabled(k)
	enclave_key(k)
	not keys.exempt(k, check_id)
	some s in access.statements(k)
	access.allows(s)
	access.grants_any(s, sensitive)
	some p in s.principals
	not access.root_principal(p)
	count(attestation_keys(s)) == 0
}

deny contains result.unknown(keys.unknown_reason(k, ["policy", "access"]), k) if {
	some k in input.keys
	k.provider == "aws"
	enclave_key(k)
	keys.unknown_reason(k, ["policy", "access"])
}
