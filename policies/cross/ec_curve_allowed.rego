# METADATA
# title: "Elliptic-curve keys use approved curves"
# description: >-
#   EC keys use a curve on the profile's allowedCurves list (P-256, P-384, P-521 for NIST profiles).
#   Curve names are normalised across providers (ECC_NIST_P256, EC_SIGN_P384_SHA384, P-256K,
#   ECC_SECG_P256K1, EC_SIGN_SECP256K1_SHA256, CKA_EC_PARAMS OIDs). secp256k1 is not a NIST curve although
#   Azure Policy's default list includes it; workloads that need it (blockchain) tag the key
#   keywarden-exempt=ec-curve-allowed.
# related_resources:
#   - ref: https://csrc.nist.gov/pubs/sp/800/186/final
# custom:
#   id: ec-curve-allowed
#   severity: medium
#   remediation: >-
#     Create a key on an approved curve and move signers to it, or document the exception with the keywarden-exempt tag.
#   providers: [aws, azure, gcp, pkcs11]
#   service: keys
#   tags:
#     - "azure-policy:ff25f3c8"
#     - "azure-policy:e58fd0c1"
#     - "nist-sp-800-186"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.1", "3.6.1.2"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-13"]
#     soc2: ["CC6.1"]
package keywarden.checks.ec_curve_allowed

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "ec-curve-allowed"

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

names(k) := upper(concat(" ", [object.get(k, "curve", ""), object.get(k, "spec", ""), object.get(k, "algorithm", "")]))

k1(k) if regex.match(`P-?256K|SECP256K1|1\.3\.132\.0\.10\b`, names(k))

curve(k) := "secp256k1" if k1(k)

curve(k) := "P-256" if {
	not k1(k)
	regex.match(`P-?256|SECP256R1|PRIME256V1|1\.2\.840\.10045\.3\.1\.7`, names(k))
}

curve(k) := "P-384" if regex.match(`P-?384|SECP384R1|1\.3\.132\.0\.34`, names(k))

curve(k) := "P-521" if regex.match(`P-?521|SECP521R1|1\.3\.132\.0\.35`, names(k))

curve(k) := "Ed25519" if regex.match(`ED25519`, names(k))

allowed := {c | some c in thresholds.value("allowedCurves")}

deny contains result.fail_with(
	sprintf("%s: curve %s is not on the allowlist (%s)", [result.label(k), curve(k), concat(", ", sort(allowed))]),
	k, {"curve": curve(k), "raw": names(k)},
) if {
	some k in input.keys
	in_scope(k)
	keys.key_type(k) == "ec"
	not curve(k) in allowed
}

deny contains result.unknown(sprintf("the curve of %s could not be identified", [names(k)]), k) if {
	some k in input.keys
	in_scope(k)
	keys.key_type(k) == "ec"
	not curve(k)
}
