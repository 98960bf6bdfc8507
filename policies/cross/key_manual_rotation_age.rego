# METADATA
# title: "Keys that cannot rotate automatically are replaced within their cryptoperiod"
# description: >-
#   For keys the provider cannot rotate automatically (asymmetric, HMAC, imported, custom or external key
#   store, Cloud EKM, PKCS#11 objects), the current material or version is younger than the profile's
#   manualRotationMaxDays (verificationKeyMaxDays for public verification keys, which NIST lets live
#   longer). When an alias is shared by several keys of one account and region (rotation by alias
#   repointing), the newest key behind the alias counts. Certificate-managed Azure keys are renewed by
#   their certificate policy.
# related_resources:
#   - ref: https://csrc.nist.gov/publications/detail/sp/800-57-part-1/rev-5/final
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html#rotate-keys-manually
# custom:
#   id: key-manual-rotation-age
#   severity: medium
#   remediation: >-
#     Create a new key or key version, move callers to it (repoint the alias or primary version), then disable the old one.
#   providers: [aws, azure, gcp, pkcs11]
#   service: keys
#   tags:
#     - "prowler#10434"
#     - "nist-800-57:table-1"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.4", "3.7.5"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(2)"]
#     soc2: ["CC6.1"]
package keywarden.checks.key_manual_rotation_age

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "key-manual-rotation-age"

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	keys.cannot_auto_rotate(k)
	object.get(k, ["raw", "managed"], false) != true
	not keys.exempt(k, check_id)
}

verification_key(k) if k.hsm.class == "CKO_PUBLIC_KEY"

limit_name(k) := "verificationKeyMaxDays" if verification_key(k)

limit_name(k) := "manualRotationMaxDays" if not verification_key(k)

limit(k) := thresholds.for_key(limit_name(k), k)

# Keys of the same account and region that share an alias with k (k included).
alias_peers(k) := [p |
	some p in input.keys
	p.provider == k.provider
	object.get(p, "account", "") == object.get(k, "account", "")
	object.get(p, "region", "") == object.get(k, "region", "")
	shares_alias(p, k)
]

shares_alias(p, k) if p.id == k.id

shares_alias(p, k) if {
	p.id != k.id
	some a in object.get(p, "aliases", [])
	a in object.get(k, "aliases", [])
}

age(k) := min({keys.material_age_days(p) | some p in alias_peers(k)})

deny contains result.fail_with(
	sprintf("%s: current key material is %d days old; keys that cannot rotate automatically must be replaced within %d days", [result.label(k), age(k), limit(k)]),
	k, {"materialSince": keys.material_since(k), "ageDays": age(k), "applied": thresholds.applied(limit_name(k), k)},
) if {
	some k in input.keys
	in_scope(k)
	age(k) > limit(k)
}

deny contains result.unknown(reason(k), k) if {
	some k in input.keys
	in_scope(k)
	not keys.material_since(k)
}

reason(k) := keys.unknown_reason(k, ["createdAt", "lastRotatedAt", "versions"])

reason(k) := "no creation or rotation date was collected" if not keys.unknown_reason(k, ["createdAt", "lastRotatedAt", "versions"])
