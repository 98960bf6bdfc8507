# METADATA
# title: "Key Vault keys have a rotation policy within the rotation limit"
# description: >-
#   Enabled customer keys in Key Vault and Managed HSM have a rotation policy with a Rotate lifetime
#   action whose timeAfterCreate (or, for expiry-driven policies, validity minus timeBeforeExpiry) is at
#   most the profile's Azure rotation limit (CIS and NIST: two years), tightened by data-class and
#   environment tags. Unlike Prowler, a Rotate action with a longer period fails, and disabled keys are
#   out of scope. Keys managed by a certificate (managed=true) are renewed through the certificate
#   policy. When the vault data plane was unreachable (private endpoint, firewall) or the scanner had
#   no data-plane rights, the rotation policy is unknown, not missing (prowler#12654).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation
#   - ref: https://github.com/prowler-cloud/prowler/issues/12654
# custom:
#   id: azure-kv-key-rotation-policy
#   severity: high
#   remediation: >-
#     az keyvault key rotation-policy update --vault-name <vault> --name <key> --value policy.json with a
#     lifetimeActions entry {"action": {"type": "Rotate"}, "trigger": {"timeAfterCreate": "P365D"}}.
#   providers: [azure]
#   service: keyvault
#   tags:
#     - "prowler:keyvault_key_rotation_enabled"
#     - "azure-policy:d8cf8476"
#     - "steampipe:keyvault_key_automatic_rotation_enabled"
#   frameworks:
#     cis-azure-2.0: ["8.8"]
#     cis-azure-3.0: ["3.3.8"]
#     cis-azure-5.0: ["8.3.9"]
#     cis-azure-6.0: ["8.3.9"]
#     pci-dss-4.0.1: ["3.7.4", "3.7.5"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(2)"]
#     soc2: ["CC6.1"]
package keywarden.checks.azure_kv_key_rotation_policy

import rego.v1

import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "azure-kv-key-rotation-policy"

in_scope(k) if {
	k.provider == "azure"
	keys.customer_managed(k)
	keys.enabled(k)
	not certificate_managed(k)
	not keys.exempt(k, check_id)
}

certificate_managed(k) if k.raw.managed == true

certificate_managed(k) if k.rotation.supported == false

limit(k) := thresholds.for_key("rotationMaxDays", k)

# Days from creation to the scheduled rotation: timeAfterCreate, else validity minus timeBeforeExpiry.
rotate_after(k) := k.rotation.rotateAfterCreateDays if is_number(k.rotation.rotateAfterCreateDays)

rotate_after(k) := dates.days_between(keys.material_since(k), k.expiresAt) - k.rotation.rotateBeforeExpiryDays if {
	not is_number(object.get(k, ["rotation", "rotateAfterCreateDays"], null))
	is_number(k.rotation.rotateBeforeExpiryDays)
	dates.valid(k.expiresAt)
	keys.material_since(k)
}

evidence(k) := {
	"rotateAfterCreateDays": object.get(k, ["rotation", "rotateAfterCreateDays"], null),
	"rotateBeforeExpiryDays": object.get(k, ["rotation", "rotateBeforeExpiryDays"], null),
	"applied": thresholds.applied("rotationMaxDays", k),
}

deny contains result.fail_with(sprintf("%s: no rotation policy with a Rotate action", [result.label(k)]), k, evidence(k)) if {
	some k in input.keys
	in_scope(k)
	k.rotation.enabled == false
}

deny contains result.fail_with(
	sprintf("%s: the rotation policy rotates %d days after creation, more than the %d-day limit", [result.label(k), rotate_after(k), limit(k)]),
	k, evidence(k),
) if {
	some k in input.keys
	in_scope(k)
	k.rotation.enabled == true
	rotate_after(k) > limit(k)
}

deny contains result.unknown(keys.unknown_reason(k, ["rotation"]), k) if {
	some k in input.keys
	in_scope(k)
	keys.unknown_field(k, "rotation")
}

deny contains result.unknown("the key's rotation policy was not collected", k) if {
	some k in input.keys
	in_scope(k)
	not keys.unknown_field(k, "rotation")
	not is_boolean(object.get(k, ["rotation", "enabled"], null))
}

deny contains result.unknown("the rotation policy has a Rotate action but its trigger could not be read", k) if {
	some k in input.keys
	in_scope(k)
	k.rotation.enabled == true
	not rotate_after(k)
}
