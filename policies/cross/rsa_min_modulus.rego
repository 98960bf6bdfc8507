# METADATA
# title: "RSA keys have a large enough modulus"
# description: >-
#   RSA keys have a modulus of at least rsaMinBits (2048 in the cis and nist-800-57 profiles, 3072 in
#   pci-dss), read from the collected size or from the spec or algorithm name (RSA_3072,
#   RSA_SIGN_PSS_2048_SHA256). RSA-2048 stays acceptable under NIST until the 2030 transition, so the
#   limit is a profile setting rather than Control Tower's "greater than 2048".
# related_resources:
#   - ref: https://doi.org/10.6028/NIST.SP.800-131Ar2
# custom:
#   id: rsa-min-modulus
#   severity: high
#   remediation: >-
#     Create an RSA-3072 (or larger) key, move signers or encrypters to it and retire the small key.
#   providers: [aws, azure, gcp, pkcs11]
#   service: keys
#   tags:
#     - "azure-policy:82067dbb"
#     - "azure-policy:86810a98"
#     - "controltower:CT.KMS.PR.2"
#     - "nist-800-131a"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.1", "3.6.1.2"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-13"]
#     soc2: ["CC6.1"]
package keywarden.checks.rsa_min_modulus

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "rsa-min-modulus"

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

bits(k) := k.sizeBits if is_number(k.sizeBits)

bits(k) := to_number(regex.find_n(`[0-9]{4}`, spec_names(k), 1)[0]) if {
	not is_number(object.get(k, "sizeBits", null))
	count(regex.find_n(`[0-9]{4}`, spec_names(k), 1)) == 1
}

spec_names(k) := concat(" ", [object.get(k, "spec", ""), object.get(k, "algorithm", "")])

deny contains result.fail_with(
	sprintf("%s: RSA modulus %d bits is below %d", [result.label(k), bits(k), thresholds.for_key("rsaMinBits", k)]),
	k, {"sizeBits": bits(k), "applied": thresholds.applied("rsaMinBits", k)},
) if {
	some k in input.keys
	in_scope(k)
	keys.key_type(k) == "rsa"
	bits(k) < thresholds.for_key("rsaMinBits", k)
}

deny contains result.unknown("the RSA modulus size was not collected", k) if {
	some k in input.keys
	in_scope(k)
	keys.key_type(k) == "rsa"
	not bits(k)
}
