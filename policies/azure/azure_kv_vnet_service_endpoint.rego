# METADATA
# title: "Key vaults accept traffic only from chosen virtual networks"
# description: >-
#   A key vault reachable over its public endpoint restricts access to virtual-network service
#   endpoints: firewall default action Deny with at least one networkAcls.virtualNetworkRules entry.
#   Vaults with public network access disabled (private-endpoint only) satisfy the intent without
#   service endpoints and pass. A public vault whose firewall allows every network fails; one whose
#   rules were not collected is unknown.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints
# custom:
#   id: azure-kv-vnet-service-endpoint
#   severity: low
#   remediation: >-
#     Enable the Microsoft.KeyVault service endpoint on the client subnets and add them:
#     az keyvault network-rule add --name <vault> --subnet <subnet-id>; then set --default-action Deny.
#   providers: [azure]
#   service: keyvault
#   tags:
#     - "azure-policy:ea4d6841"
#     - "steampipe:keyvault_vault_use_virtual_service_endpoint"
#   frameworks:
#     pci-dss-4.0.1: ["1.3.1"]
#     iso-27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["SC-7"]
#     soc2: ["CC6.6"]
package keywarden.checks.azure_kv_vnet_service_endpoint

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "azure-kv-vnet-service-endpoint"

vault(c) if {
	c.provider == "azure"
	c.kind == "key-vault"
	not keys.exempt(c, check_id)
}

public(c) if c.publicNetworkAccess == true

rules(c) := c.raw.networkAcls.virtualNetworkRules if is_array(c.raw.networkAcls.virtualNetworkRules)

deny contains result.fail_with(sprintf("%s: public endpoint open to every network, no virtual-network restriction", [result.label(c)]), c, {"networkDefaultAllow": true}) if {
	some c in input.containers
	vault(c)
	public(c)
	c.networkDefaultAllow == true
}

deny contains result.fail_with(sprintf("%s: firewall has no virtual-network rule", [result.label(c)]), c, {"virtualNetworkRules": []}) if {
	some c in input.containers
	vault(c)
	public(c)
	c.networkDefaultAllow == false
	count(rules(c)) == 0
}

deny contains result.unknown("the vault's virtual-network rules were not collected", c) if {
	some c in input.containers
	vault(c)
	public(c)
	c.networkDefaultAllow == false
	not rules(c)
}

deny contains result.unknown(reason(c), c) if {
	some c in input.containers
	vault(c)
	not is_boolean(object.get(c, "publicNetworkAccess", null))
}

deny contains result.unknown(reason(c), c) if {
	some c in input.containers
	vault(c)
	public(c)
	not is_boolean(object.get(c, "networkDefaultAllow", null))
}

reason(c) := keys.unknown_reason(c, ["publicNetworkAccess", "networkDefaultAllow"])

reason(c) := "public network access or the firewall default action was not collected" if {
	not keys.unknown_reason(c, ["publicNetworkAccess", "networkDefaultAllow"])
}
