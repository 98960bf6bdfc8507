# METADATA
# title: "Symmetric and HMAC keys are long enough"
# description: >-
#   AES keys have at least symmetricMinBits (128 in cis and nist-800-57, 256 in pci-dss) and HMAC keys
#   at least hmacMinBits (112). Sizes come from the collected size or the spec (AES_128_GCM, HMAC_224).
#   AWS SYMMETRIC_DEFAULT and GOOGLE_SYMMETRIC_ENCRYPTION are always AES-256 and are skipped rather than
#   passed; external (EKM) keys have no visible size.
# related_resources:
#   - ref: https://doi.org/10.6028/NIST.SP.800-131Ar2
# custom:
#   id: symmetric-min-key-length
#   severity: medium
#   remediation: >-
#     Create a longer key (AES-256, HMAC-256), re-encrypt or re-sign, and retire the short key.
#   providers: [aws, azure, gcp, pkcs11]
#   service: keys
#   tags:
#     - "azure-policy:fa85a975"
#     - "nist-800-131a"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.1", "3.6.1.2"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-13"]
#     soc2: ["CC6.1"]
package keywarden.checks.symmetric_min_key_length

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "symmetric-min-key-length"

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

always_aes256 := {"SYMMETRIC_DEFAULT", "GOOGLE_SYMMETRIC_ENCRYPTION", "EXTERNAL_SYMMETRIC_ENCRYPTION"}

family(k) := "hmac" if keys.hmac(k)

family(k) := "aes" if {
	not keys.hmac(k)
	keys.key_type(k) in {"symmetric", "aes"}
	not upper(object.get(k, "spec", "")) in always_aes256
}

bits(k) := k.sizeBits if is_number(k.sizeBits)

bits(k) := to_number(regex.find_n(`[0-9]{3}`, upper(concat(" ", [object.get(k, "spec", ""), object.get(k, "algorithm", "")])), 1)[0]) if {
	not is_number(object.get(k, "sizeBits", null))
	count(regex.find_n(`[0-9]{3}`, upper(concat(" ", [object.get(k, "spec", ""), object.get(k, "algorithm", "")])), 1)) == 1
}

minimum(k) := thresholds.for_key("hmacMinBits", k) if family(k) == "hmac"

minimum(k) := thresholds.for_key("symmetricMinBits", k) if family(k) == "aes"

deny contains result.fail_with(
	sprintf("%s: %s key of %d bits is below %d", [result.label(k), upper(family(k)), bits(k), minimum(k)]),
	k, {"sizeBits": bits(k), "minimum": minimum(k)},
) if {
	some k in input.keys
	in_scope(k)
	bits(k) < minimum(k)
}
