# METADATA
# title: "Microsoft Defender for Key Vault is on"
# description: >-
#   Every subscription that holds key vaults or Managed HSMs has the Defender for Key Vault plan
#   (Microsoft.Security/pricings/KeyVaults) on the Standard tier. The plan is read from the
#   subscription record (container kind `subscription`, raw.pricings as ARM returns them, or the
#   normalised raw.defenderForKeyVault tier). A subscription whose pricing was not collected is
#   unknown, never pass. Organisations that run their own detections instead (a cost decision) can
#   exempt the subscription with the `keywarden-exempt` tag.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/defender-for-cloud/defender-for-key-vault-introduction
#   - ref: https://learn.microsoft.com/rest/api/defenderforcloud/pricings/get
# custom:
#   id: azure-defender-for-key-vault
#   severity: medium
#   remediation: >-
#     az security pricing create --name KeyVaults --tier Standard (per subscription), or assign the
#     "Configure Microsoft Defender for Key Vault plan" policy at management-group scope.
#   providers: [azure]
#   service: defender
#   tags:
#     - "prowler:defender_ensure_defender_for_keyvault_is_on"
#   frameworks:
#     cis-azure-2.0: ["2.1.10"]
#     cis-azure-3.0: ["3.1.8.1"]
#     cis-azure-5.0: ["8.1.8.1"]
#     cis-azure-6.0: ["8.1.8.1"]
#     pci-dss-4.0.1: ["10.4.1", "11.5.1"]
#     iso-27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4", "AU-6"]
#     soc2: ["CC7.2", "CC7.3"]
package keywarden.checks.azure_defender_for_key_vault

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "azure-defender-for-key-vault"

vault(c) if {
	c.provider == "azure"
	c.kind in {"key-vault", "managed-hsm"}
}

subscription_record(c) if {
	c.provider == "azure"
	c.kind in {"subscription", "azure-subscription"}
}

# Subscriptions (by id) that hold vaults.
vault_subscriptions := {c.account | some c in input.containers; vault(c)}

records := {c.account: c | some c in input.containers; subscription_record(c)}

tier(s) := s.raw.defenderForKeyVault if is_string(s.raw.defenderForKeyVault)

tier(s) := p.properties.pricingTier if {
	not is_string(object.get(s, ["raw", "defenderForKeyVault"], null))
	some p in pricings(s)
	lower(p.name) == "keyvaults"
}

pricings(s) := s.raw.pricings.value if is_array(s.raw.pricings.value)

pricings(s) := s.raw.pricings if is_array(s.raw.pricings)

subject(sub) := records[sub]

subject(sub) := {"provider": "azure", "account": sub, "id": concat("", ["/subscriptions/", sub]), "name": sub, "ref": {"provider": "azure", "account": sub, "id": concat("", ["/subscriptions/", sub]), "type": "subscription"}} if {
	not records[sub]
}

deny contains result.fail_with(sprintf("subscription %s: Defender for Key Vault is on the %s tier", [sub, tier(records[sub])]), subject(sub), {"pricingTier": tier(records[sub])}) if {
	some sub in vault_subscriptions
	not keys.exempt(records[sub], check_id)
	lower(tier(records[sub])) != "standard"
}

deny contains result.unknown(reason(sub), subject(sub)) if {
	some sub in vault_subscriptions
	not tier(records[sub])
	not keys.exempt(records[sub], check_id)
}

reason(sub) := keys.unknown_reason(records[sub], ["raw.pricings", "raw.defenderForKeyVault", "pricings"])

reason(sub) := "the Defender for Cloud pricing (Microsoft.Security/pricings/KeyVaults) was not collected" if {
	not keys.unknown_reason(records[sub], ["raw.pricings", "raw.defenderForKeyVault", "pricings"])
}
