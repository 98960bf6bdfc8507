# METADATA
# title: "Cloud KMS keys in use have no version scheduled for destruction"
# description: >-
#   The primary version of an enabled key (or, for keys without a primary such as asymmetric keys,
#   the last version still usable) is not in DESTROY_SCHEDULED: destroying it makes every ciphertext
#   or signature that depends on it unusable. Reports the destroyTime. Destroying old, non-primary
#   versions after re-encryption is routine and not reported; keys whose versions are all destroyed
#   are already gone (GCP keys cannot be deleted and stay listed).
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/destroy-restore
#   - ref: https://cloud.google.com/kms/docs/control-key-destruction
# custom:
#   id: gcp-kms-version-not-destroy-scheduled
#   severity: high
#   remediation: >-
#     If the destruction is not intended, restore the version before its destroyTime:
#     gcloud kms keys versions restore <version> --key <key> --keyring <ring> --location <loc>, then enable it.
#   providers: [gcp]
#   service: kms
#   tags:
#     - "securityhub:KMS.3 (AWS counterpart)"
#     - "gcp-docs:destroy-restore"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.5"]
#     iso-27001-2022: ["A.8.24", "A.8.10"]
#     nist-800-53-r5: ["SC-12", "SC-12(1)"]
#     soc2: ["CC6.1", "CC6.5"]
package keywarden.checks.gcp_kms_version_not_destroy_scheduled

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "gcp-kms-version-not-destroy-scheduled"

in_scope(k) if {
	k.provider == "gcp"
	keys.customer_managed(k)
	not k.state == "destroyed"
	not keys.exempt(k, check_id)
}

scheduled(v) if upper(v.state) == "DESTROY_SCHEDULED"

# The primary version's name: raw.primary.name, else the version numbered raw.primaryVersion.
primary_name(k) := k.raw.primary.name if is_string(k.raw.primary.name)

primary_name(k) := v.id if {
	not is_string(object.get(k, ["raw", "primary", "name"], null))
	n := k.raw.primaryVersion
	some v in k.versions
	endswith(v.id, sprintf("/cryptoKeyVersions/%v", [n]))
}

has_primary(k) if primary_name(k)

# Versions whose scheduled destruction breaks the key.
at_risk contains [k.id, v] if {
	some k in input.keys
	in_scope(k)
	some v in k.versions
	scheduled(v)
	v.id == primary_name(k)
}

at_risk contains [k.id, v] if {
	some k in input.keys
	in_scope(k)
	not has_primary(k)
	some v in k.versions
	scheduled(v)
	not usable_version(k)
}

# A version that stays usable after the scheduled destructions.
usable_version(k) if {
	some v in k.versions
	upper(v.state) == "ENABLED"
}

destroy_time(k, v) := k.raw.destroyTimes[v.id]

destroy_time(k, v) := "unknown" if not k.raw.destroyTimes[v.id]

deny contains result.fail_with(
	sprintf("%s: version %s is scheduled for destruction (destroyTime %s) while the key is in use", [result.label(k), v.id, destroy_time(k, v)]),
	k, {"version": v.id, "state": v.state, "destroyTime": destroy_time(k, v), "primary": object.get(k, ["raw", "primary", "name"], null)},
) if {
	some k in input.keys
	some pair in at_risk
	pair[0] == k.id
	v := pair[1]
}

deny contains result.unknown(keys.unknown_reason(k, ["versions"]), k) if {
	some k in input.keys
	in_scope(k)
	keys.unknown_field(k, "versions")
}
