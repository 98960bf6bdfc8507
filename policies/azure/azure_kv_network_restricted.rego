# METADATA
# title: "Key vaults are not reachable from every network"
# description: >-
#   Key vaults and Managed HSMs have public network access disabled, or a firewall whose default action
#   is Deny (networkAcls.defaultAction) with an optional IP allowlist that does not open 0.0.0.0/0.
#   bypass=AzureServices is accepted: some CMEK consumers need it. Unlike Prowler, which evaluates public
#   network access only for vaults that already have private endpoints, every vault is evaluated. A
#   network setting the scanner could not read is unknown.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/general/network-security
#   - ref: https://learn.microsoft.com/azure/key-vault/managed-hsm/network-security
# custom:
#   id: azure-kv-network-restricted
#   severity: high
#   remediation: >-
#     az keyvault update --name <vault> --public-network-access Disabled, or --default-action Deny with
#     az keyvault network-rule add for the allowed IP ranges and virtual networks.
#   providers: [azure]
#   service: keyvault
#   tags:
#     - "prowler:keyvault_access_only_through_private_endpoints"
#     - "azure-policy:405c5871"
#     - "azure-policy:55615ac9"
#     - "azure-policy:19ea9d63"
#     - "steampipe:keyvault_vault_public_network_access_disabled"
#     - "steampipe:keyvault_firewall_enabled"
#   frameworks:
#     cis-azure-5.0: ["8.3.7"]
#     cis-azure-6.0: ["8.3.7"]
#     pci-dss-4.0.1: ["1.3.1", "3.6.1"]
#     iso-27001-2022: ["A.8.20", "A.8.22", "A.8.24"]
#     nist-800-53-r5: ["AC-3", "SC-7", "SC-12"]
#     soc2: ["CC6.1", "CC6.6"]
package keywarden.checks.azure_kv_network_restricted

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "azure-kv-network-restricted"

vault(c) if {
	c.provider == "azure"
	c.kind in {"key-vault", "managed-hsm"}
	not keys.exempt(c, check_id)
}

public_access(c) if c.publicNetworkAccess == true

# The firewall lets every network in: default action Allow, or an allowlist entry for everything.
open_firewall(c) if c.networkDefaultAllow == true

open_firewall(c) if {
	some rule in object.get(c, ["raw", "networkAcls", "ipRules"], [])
	object.get(rule, "value", rule) in {"0.0.0.0/0", "0.0.0.0", "*"}
}

deny contains result.fail_with(
	sprintf("%s: public network access is enabled and the firewall allows every network", [result.label(c)]),
	c, {"publicNetworkAccess": true, "networkDefaultAllow": object.get(c, "networkDefaultAllow", null), "ipRules": object.get(c, ["raw", "networkAcls", "ipRules"], [])},
) if {
	some c in input.containers
	vault(c)
	public_access(c)
	open_firewall(c)
}

# Public access on and the firewall state unknown, or public access itself unknown.
deny contains result.unknown(reason(c), c) if {
	some c in input.containers
	vault(c)
	not open_firewall(c)
	not c.publicNetworkAccess == false
	not c.networkDefaultAllow == false
}

reason(c) := keys.unknown_reason(c, ["publicNetworkAccess", "networkDefaultAllow"])

reason(c) := "public network access and the firewall default action were not collected" if {
	not keys.unknown_reason(c, ["publicNetworkAccess", "networkDefaultAllow"])
}
