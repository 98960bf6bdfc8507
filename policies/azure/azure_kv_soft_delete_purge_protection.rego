# METADATA
# title: "Key vaults and Managed HSMs are recoverable (soft delete and purge protection)"
# description: >-
#   Key vaults and Managed HSMs have soft delete on, purge protection on, and a soft-delete retention of
#   at least the profile's softDeleteMinRetentionDays. On API versions from 2019-09-01 soft delete can
#   no longer be turned off, so a missing enableSoftDelete means on (as Azure Policy treats it); only an
#   explicit false fails. ARM leaves enablePurgeProtection null while it is off, so an absent value
#   fails unless the collector marked it unreadable. Vaults in createMode=recover are being restored and
#   are skipped until the next scan.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
#   - ref: https://learn.microsoft.com/azure/key-vault/managed-hsm/recovery
# custom:
#   id: azure-kv-soft-delete-purge-protection
#   severity: high
#   remediation: >-
#     az keyvault update --name <vault> --enable-purge-protection true (irreversible), or
#     az keyvault update-hsm --hsm-name <hsm> --enable-purge-protection true; keep retention at 90 days.
#   providers: [azure]
#   service: keyvault
#   tags:
#     - "prowler:keyvault_recoverable"
#     - "azure-policy:0b60c0b2"
#     - "azure-policy:1e66c121"
#     - "azure-policy:c39ba22d"
#     - "steampipe:keyvault_purge_protection_enabled"
#     - "steampipe:keyvault_soft_delete_enabled"
#   frameworks:
#     cis-azure-2.0: ["8.5"]
#     cis-azure-3.0: ["3.3.5"]
#     cis-azure-5.0: ["8.3.5"]
#     cis-azure-6.0: ["8.3.5"]
#     pci-dss-4.0.1: ["3.7.5"]
#     iso-27001-2022: ["A.8.24", "A.8.10"]
#     nist-800-53-r5: ["SC-12", "SC-12(1)", "CP-9"]
#     soc2: ["CC6.1", "A1.2"]
package keywarden.checks.azure_kv_soft_delete_purge_protection

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "azure-kv-soft-delete-purge-protection"

vault(c) if {
	c.provider == "azure"
	c.kind in {"key-vault", "managed-hsm"}
	not lower(object.get(c, ["raw", "createMode"], "")) == "recover"
	not keys.exempt(c, check_id)
}

min_retention := thresholds.value("softDeleteMinRetentionDays")

deny contains result.fail_with(sprintf("%s: soft delete is disabled", [result.label(c)]), c, {"softDelete": false}) if {
	some c in input.containers
	vault(c)
	c.softDelete == false
}

deny contains result.fail_with(sprintf("%s: purge protection is off: a deleted vault or key can be purged at once", [result.label(c)]), c, {"purgeProtection": object.get(c, "purgeProtection", null)}) if {
	some c in input.containers
	vault(c)
	not c.purgeProtection == true
	not keys.unknown_field(c, "purgeProtection")
}

deny contains result.fail_with(
	sprintf("%s: soft-delete retention %d days is below the %d-day minimum", [result.label(c), c.softDeleteRetentionDays, min_retention]),
	c, {"softDeleteRetentionDays": c.softDeleteRetentionDays, "minimum": min_retention, "profile": thresholds.profile},
) if {
	some c in input.containers
	vault(c)
	c.softDeleteRetentionDays < min_retention
}

deny contains result.unknown(keys.unknown_reason(c, [field]), c) if {
	some c in input.containers
	vault(c)
	some field in ["softDelete", "purgeProtection"]
	keys.unknown_field(c, field)
}
