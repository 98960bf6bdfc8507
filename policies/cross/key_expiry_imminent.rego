# METADATA
# title: "Keys do not expire within the warning window"
# description: >-
#   Enabled keys with an expiry (Azure exp, AWS imported ValidTo, PKCS#11 CKA_END_DATE) do not expire
#   within expiryWarningDays, and have not already expired. Keys whose rotation policy rotates a set
#   time before expiry (timeBeforeExpiry Rotate action) renew themselves and are not at risk.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html
# custom:
#   id: key-expiry-imminent
#   severity: high
#   remediation: >-
#     Rotate or re-import the key material before it expires (or add a rotation policy with a timeBeforeExpiry Rotate action).
#   providers: [aws, azure, pkcs11]
#   service: keys
#   tags:
#     - "azure-policy:5ff38825"
#     - "azure-policy:ad27588c"
#     - "cloudsploit#1211"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.4", "3.7.5"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(2)"]
#     soc2: ["CC6.1"]
package keywarden.checks.key_expiry_imminent

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "key-expiry-imminent"

expiry(k) := k.expiresAt if dates.valid(k.expiresAt)

expiry(k) := k.hsm.endDate if {
	not dates.valid(object.get(k, "expiresAt", null))
	dates.valid(k.hsm.endDate)
}

renews_before_expiry(k) if {
	k.rotation.enabled != false
	k.rotation.rotateBeforeExpiryDays > 0
}

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not renews_before_expiry(k)
	not keys.exempt(k, check_id)
}

warning_days(k) := thresholds.for_key("expiryWarningDays", k)

deny contains result.fail_with(
	sprintf("%s: expires on %s, in %d days (warning window %d days)", [result.label(k), expiry(k), dates.days_until(expiry(k)), warning_days(k)]),
	k, {"expiresAt": expiry(k), "daysLeft": dates.days_until(expiry(k))},
) if {
	some k in input.keys
	in_scope(k)
	dates.days_until(expiry(k)) >= 0
	dates.days_until(expiry(k)) < warning_days(k)
}

deny contains result.fail_with(
	sprintf("%s: expired on %s but is still enabled", [result.label(k), expiry(k)]),
	k, {"expiresAt": expiry(k)},
) if {
	some k in input.keys
	in_scope(k)
	dates.days_until(expiry(k)) < 0
}
