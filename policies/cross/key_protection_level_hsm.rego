# METADATA
# title: "Keys for high-classification data are HSM-backed"
# description: >-
#   Keys whose data-class tag is in the profile's hsmRequiredDataClasses list, or tagged
#   hsm-required=true, are HSM-backed: Azure *-HSM key types or Managed HSM, GCP HSM,
#   HSM_SINGLE_TENANT or external protection levels, PKCS#11 objects. All AWS KMS keys live in
#   FIPS-validated HSMs; with single-tenant=true on the key, an AWS key must sit in a custom key store.
# related_resources:
#   - ref: https://docs.cloud.google.com/kms/docs/protection-levels
#   - ref: https://learn.microsoft.com/azure/key-vault/keys/about-keys
# custom:
#   id: key-protection-level-hsm
#   severity: high
#   remediation: >-
#     Create the key with HSM protection (Azure RSA-HSM/EC-HSM or Managed HSM, GCP --protection-level hsm, AWS custom key store) and migrate the data.
#   providers: [aws, azure, gcp]
#   service: keys
#   tags:
#     - "azure-policy:587c79fe"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.2", "3.6.1.4", "3.7.3"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(6)"]
#     soc2: ["CC6.1"]
package keywarden.checks.key_protection_level_hsm

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "key-protection-level-hsm"

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

required(k) if lower(keys.data_class(k)) in {lower(c) | some c in thresholds.value("hsmRequiredDataClasses")}

required(k) if lower(keys.tag(k, "hsm-required")) == "true"

single_tenant(k) if lower(keys.tag(k, "single-tenant")) == "true"

hsm_backed(k) if k.provider == "pkcs11"

hsm_backed(k) if {
	k.provider == "aws"
	not single_tenant(k)
}

hsm_backed(k) if {
	k.provider == "aws"
	k.origin in {"cloudhsm", "external-key-store"}
}

hsm_backed(k) if k.protectionLevel in {"hsm", "external", "external-vpc"}

hsm_backed(k) if endswith(upper(object.get(k, "spec", "")), "-HSM")

deny contains result.fail_with(
	sprintf("%s: %s key is not HSM-backed (protection %s)", [result.label(k), object.get(k, ["tags", "data-class"], "HSM-required"), object.get(k, "protectionLevel", "unknown")]),
	k, {"protectionLevel": object.get(k, "protectionLevel", null), "spec": object.get(k, "spec", null)},
) if {
	some k in input.keys
	in_scope(k)
	required(k)
	not hsm_backed(k)
	not keys.unknown_field(k, "protectionLevel")
}

deny contains result.unknown(keys.unknown_reason(k, ["protectionLevel"]), k) if {
	some k in input.keys
	in_scope(k)
	required(k)
	not hsm_backed(k)
	keys.unknown_field(k, "protectionLevel")
}
