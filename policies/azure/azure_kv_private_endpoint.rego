# METADATA
# title: "Key vaults have an approved private endpoint connection"
# description: >-
#   Key vaults and Managed HSMs have at least one private endpoint connection whose
#   privateLinkServiceConnectionState.status is Approved. Pending, Rejected or Disconnected connections
#   carry no traffic and do not count (Prowler counts any connection). The collector's normalised
#   privateEndpoint flag is used only when the connection list itself was not kept. Connections the
#   scanner could not read give unknown.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/general/private-link-service
#   - ref: https://learn.microsoft.com/azure/private-link/private-endpoint-overview
# custom:
#   id: azure-kv-private-endpoint
#   severity: medium
#   remediation: >-
#     Create a private endpoint for the vault (az network private-endpoint create --group-id vault ...) and
#     approve it: az keyvault private-endpoint-connection approve --vault-name <vault> --name <connection>.
#   providers: [azure]
#   service: keyvault
#   tags:
#     - "prowler:keyvault_private_endpoints"
#     - "azure-policy:a6abeaec"
#     - "azure-policy:59fee2f4"
#     - "steampipe:keyvault_vault_private_link_used"
#   frameworks:
#     cis-azure-2.0: ["8.7"]
#     cis-azure-3.0: ["3.3.7"]
#     cis-azure-5.0: ["8.3.8"]
#     cis-azure-6.0: ["8.3.8"]
#     pci-dss-4.0.1: ["1.3.1", "3.6.1"]
#     iso-27001-2022: ["A.8.20", "A.8.22", "A.8.24"]
#     nist-800-53-r5: ["SC-7", "SC-12"]
#     soc2: ["CC6.1", "CC6.6"]
package keywarden.checks.azure_kv_private_endpoint

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "azure-kv-private-endpoint"

vault(c) if {
	c.provider == "azure"
	c.kind in {"key-vault", "managed-hsm"}
	not keys.exempt(c, check_id)
}

connections(c) := c.raw.privateEndpointConnections if is_array(c.raw.privateEndpointConnections)

# The status in the collector's short form or in the ARM shape.
status(conn) := conn.status if is_string(conn.status)

status(conn) := conn.properties.privateLinkServiceConnectionState.status if not is_string(conn.status)

status(conn) := conn.privateLinkServiceConnectionState.status if {
	not is_string(conn.status)
	not conn.properties
}

statuses(c) := sort([s | some conn in connections(c); s := status(conn)])

approved(c) if {
	some conn in connections(c)
	lower(status(conn)) == "approved"
}

approved(c) if {
	not connections(c)
	c.privateEndpoint == true
}

deny contains result.fail_with(
	sprintf("%s: no approved private endpoint connection (statuses: %v)", [result.label(c), statuses(c)]),
	c, {"connections": statuses(c)},
) if {
	some c in input.containers
	vault(c)
	connections(c)
	not approved(c)
}

deny contains result.fail_with(sprintf("%s: no private endpoint", [result.label(c)]), c, {"privateEndpoint": false}) if {
	some c in input.containers
	vault(c)
	not connections(c)
	c.privateEndpoint == false
}

deny contains result.unknown(reason(c), c) if {
	some c in input.containers
	vault(c)
	not connections(c)
	not is_boolean(object.get(c, "privateEndpoint", null))
}

reason(c) := keys.unknown_reason(c, ["privateEndpoint", "raw.privateEndpointConnections"])

reason(c) := "private endpoint connections were not collected" if {
	not keys.unknown_reason(c, ["privateEndpoint", "raw.privateEndpointConnections"])
}
