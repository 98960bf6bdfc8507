# METADATA
# title: "Key vaults use the Azure RBAC permission model"
# description: >-
#   Key vaults have enableRbacAuthorization=true, so data-plane access is granted through Azure role
#   assignments (auditable, scoped, PIM-capable) rather than legacy vault access policies. Managed HSMs
#   always use their own local RBAC and are out of scope. A vault whose permission model was not read
#   is unknown.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/general/rbac-guide
#   - ref: https://learn.microsoft.com/azure/key-vault/general/rbac-migration
# custom:
#   id: azure-kv-rbac-authorization
#   severity: high
#   remediation: >-
#     Recreate the access policies as role assignments (Key Vault Crypto User, Crypto Officer, ...), then
#     az keyvault update --name <vault> --enable-rbac-authorization true.
#   providers: [azure]
#   service: keyvault
#   tags:
#     - "prowler:keyvault_rbac_enabled"
#     - "azure-policy:12d4fa5e"
#     - "steampipe:keyvault_rbac_enabled"
#   frameworks:
#     cis-azure-2.0: ["8.6"]
#     cis-azure-3.0: ["3.3.6"]
#     cis-azure-5.0: ["8.3.6"]
#     cis-azure-6.0: ["8.3.6"]
#     pci-dss-4.0.1: ["3.6.1", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.5.18"]
#     nist-800-53-r5: ["AC-3", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3"]
package keywarden.checks.azure_kv_rbac_authorization

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "azure-kv-rbac-authorization"

vault(c) if {
	c.provider == "azure"
	c.kind == "key-vault"
	not keys.exempt(c, check_id)
}

access_policy_count(c) := count(c.raw.accessPolicies) if is_array(c.raw.accessPolicies)

access_policy_count(c) := 0 if not is_array(object.get(c, ["raw", "accessPolicies"], null))

deny contains result.fail_with(
	sprintf("%s: uses vault access policies (%d) instead of Azure RBAC", [result.label(c), access_policy_count(c)]),
	c, {"rbacAuthorization": false, "accessPolicies": access_policy_count(c)},
) if {
	some c in input.containers
	vault(c)
	c.rbacAuthorization == false
}

deny contains result.unknown(reason(c), c) if {
	some c in input.containers
	vault(c)
	not is_boolean(object.get(c, "rbacAuthorization", null))
}

reason(c) := keys.unknown_reason(c, ["rbacAuthorization"])

reason(c) := "the vault's permission model (enableRbacAuthorization) was not collected" if not keys.unknown_reason(c, ["rbacAuthorization"])
