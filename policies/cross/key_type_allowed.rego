# METADATA
# title: "Key types are on the allowlist"
# description: >-
#   The key's type family (symmetric/AES, RSA, EC, HMAC, OKP and the post-quantum ML-DSA, ML-KEM,
#   SLH-DSA) is on the profile's allowedKeyTypes list; DES, two- and three-key TDEA, RC4 and other legacy
#   types fail. Azure `oct` keys (Managed HSM only) and GCP EXTERNAL_SYMMETRIC_ENCRYPTION (Cloud EKM)
#   are symmetric keys and allowed.
# related_resources:
#   - ref: https://doi.org/10.6028/NIST.SP.800-131Ar2
# custom:
#   id: key-type-allowed
#   severity: high
#   remediation: >-
#     Create a replacement key of an allowed type (for example AES-256), re-encrypt the data, and retire the old key.
#   providers: [aws, azure, gcp, pkcs11]
#   service: keys
#   tags:
#     - "azure-policy:75c4f823"
#     - "azure-policy:1fd3b2cc"
#     - "nist-800-131a"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.1", "3.6.1.2"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-13"]
#     soc2: ["CC6.1"]
package keywarden.checks.key_type_allowed

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "key-type-allowed"

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

allowed := {lower(t) | some t in thresholds.value("allowedKeyTypes")}

deny contains result.fail_with(
	sprintf("%s: key type %s (%s) is not on the allowlist", [result.label(k), keys.key_type(k), object.get(k, "spec", "?")]),
	k, {"keyType": keys.key_type(k), "spec": object.get(k, "spec", null), "allowed": sort(allowed)},
) if {
	some k in input.keys
	in_scope(k)
	not keys.key_type(k) in allowed
}

deny contains result.unknown(keys.unknown_reason(k, ["keyType", "spec"]), k) if {
	some k in input.keys
	in_scope(k)
	not keys.key_type(k)
	keys.unknown_reason(k, ["keyType", "spec"])
}
