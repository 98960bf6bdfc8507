# METADATA
# title: "KMS key policies and grants name only trusted accounts"
# description: >-
#   Principals in a customer key's policy and grantees of its grants belong to the key's own account,
#   the accounts in the scan scope, or the profile's trustedAccounts list. AWS service principals
#   (cloudtrail.amazonaws.com, logs.<region>.amazonaws.com), service-linked roles and statements scoped by
#   kms:ViaService are normal. Public (Principal *) statements are aws-kms-key-policy-not-public's.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
# custom:
#   id: aws-kms-external-principals
#   severity: high
#   remediation: >-
#     Remove the external account from the key policy or retire the grant; if the sharing is deliberate (central logging, backup), add the account to trustedAccounts in the threshold profile or tag the key keywarden-exempt=aws-kms-external-principals.
#   providers: [aws]
#   service: kms
#   tags:
#     - "custodian:cross-account"
#     - "controltower:CT.KMS.PV.7"
#     - "steampipe-perimeter:kms"
#     - "finders-keypers#19"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.2", "3.7.9"]
#     iso-27001-2022: ["A.8.24", "A.5.14"]
#     nist-800-53-r5: ["SC-12"]
#     soc2: ["CC6.7"]
package keywarden.checks.aws_kms_external_principals

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "aws-kms-external-principals"

in_scope(k) if {
	k.provider == "aws"
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

trusted(k) := {a | some a in array.concat(
	array.concat([object.get(k, "account", "")], thresholds.value("trustedAccounts")),
	object.get(input, ["scope", "aws", "accounts"], []),
)}

external(k, p) := access.account_of(p) if {
	not access.service_principal(p)
	not access.account_of(p) in trusted(k)
}

via_service(s) if {
	some c in access.narrowing_conditions(s)
	c.key == "kms:viaservice"
}

deny contains result.fail_with(
	sprintf("%s: key policy allows %s (account %s, not trusted) to use %s", [result.label(k), p, external(k, p), concat(", ", s.actions)]),
	k, {"principal": p, "account": external(k, p), "statement": s},
) if {
	some k in input.keys
	in_scope(k)
	some s in access.statements(k)
	access.allows(s)
	not via_service(s)
	some p in s.principals
	external(k, p)
}

deny contains result.fail_with(
	sprintf("%s: grant %s gives %s (account %s, not trusted) %s", [result.label(k), g.id, g.granteePrincipal, external(k, g.granteePrincipal), concat(", ", g.operations)]),
	k, {"grant": g},
) if {
	some k in input.keys
	in_scope(k)
	some g in object.get(k, "grants", [])
	external(k, g.granteePrincipal)
}

deny contains result.unknown(keys.unknown_reason(k, ["policy", "access", "grants"]), k) if {
	some k in input.keys
	in_scope(k)
	keys.unknown_reason(k, ["policy", "access", "grants"])
}
