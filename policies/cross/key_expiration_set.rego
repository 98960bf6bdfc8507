# METADATA
# title: "Keys declare an expiry"
# description: >-
#   Enabled Azure Key Vault and Managed HSM keys have an expiry (exp); AWS keys with imported material
#   have ValidTo or a documented KEY_MATERIAL_DOES_NOT_EXPIRE. Disabled keys are out of scope, and a
#   vault whose data plane could not be read gives unknown, not a failure. PKCS#11 CKA_END_DATE is
#   declared, never enforced by the token, so HSM objects are not required to carry it here (the
#   validity and expiry checks read it when present).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/keys/about-keys-details
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html
# custom:
#   id: key-expiration-set
#   severity: medium
#   remediation: >-
#     Set an expiry: az keyvault key set-attributes --expires <date> (or a rotation policy with expiryTime); for AWS imported material, re-import with --valid-to.
#   providers: [aws, azure, pkcs11]
#   service: keys
#   tags:
#     - "prowler:keyvault_rbac_key_expiration_set"
#     - "prowler:keyvault_key_expiration_set_in_non_rbac"
#     - "azure-policy:152b15f7"
#     - "azure-policy:1d478a74"
#     - "steampipe:keyvault_key_expiration_set"
#   frameworks:
#     cis-azure-2.0: ["8.1", "8.2"]
#     cis-azure-3.0: ["3.3.1", "3.3.2"]
#     cis-azure-5.0: ["8.3.1", "8.3.2"]
#     cis-azure-6.0: ["8.3.1", "8.3.2"]
#     pci-dss-4.0.1: ["3.7.4", "3.7.5"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(2)"]
#     soc2: ["CC6.1"]
package keywarden.checks.key_expiration_set

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "key-expiration-set"

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	needs_expiry(k)
	not keys.exempt(k, check_id)
}

needs_expiry(k) if k.provider == "azure"

needs_expiry(k) if {
	k.provider == "aws"
	k.origin == "imported"
	object.get(k, ["raw", "ExpirationModel"], "") != "KEY_MATERIAL_DOES_NOT_EXPIRE"
}

deny contains result.fail(sprintf("%s: enabled key has no expiry date", [result.label(k)]), k) if {
	some k in input.keys
	in_scope(k)
	not is_string(k.expiresAt)
	not keys.unknown_field(k, "expiresAt")
}

deny contains result.unknown(keys.unknown_reason(k, ["expiresAt"]), k) if {
	some k in input.keys
	in_scope(k)
	not is_string(k.expiresAt)
	keys.unknown_field(k, "expiresAt")
}
