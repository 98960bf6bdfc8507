# METADATA
# title: "KMS grants are scoped and CreateGrant is limited to AWS resources"
# description: >-
#   Grants to principals other than AWS services carry constraints (encryption context), and key-policy
#   statements that allow kms:CreateGrant to anyone but the account root require
#   kms:GrantIsForAWSResource. Grant counts alone are not judged: AWS services (EBS, RDS, Lambda) create
#   many legitimate grants.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
#   - ref: https://docs.aws.amazon.com/controltower/latest/controlreference/kms-rules.html
# custom:
#   id: aws-kms-grants-restricted
#   severity: medium
#   remediation: >-
#     Retire unconstrained grants (aws kms retire-grant / revoke-grant) and recreate them with --constraints EncryptionContextSubset; add "Bool": {"kms:GrantIsForAWSResource": "true"} to statements that allow kms:CreateGrant.
#   providers: [aws]
#   service: kms
#   tags:
#     - "controltower:CT.KMS.PR.3"
#     - "custodian:grant-count"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.3", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.5.18", "A.8.2", "A.5.3"]
#     nist-800-53-r5: ["AC-3", "AC-5", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3"]
package keywarden.checks.aws_kms_grants_restricted

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "aws-kms-grants-restricted"

sensitive_ops := {"decrypt", "encrypt", "reencryptfrom", "reencryptto", "generatedatakey", "generatedatakeywithoutplaintext", "generatedatakeypair", "generatedatakeypairwithoutplaintext", "sign", "creategrant", "generatemac", "derivesharedsecret"}

in_scope(k) if {
	k.provider == "aws"
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

unconstrained(g) if count(object.get(g, "constraints", {})) == 0

deny contains result.fail_with(
	sprintf("%s: grant %s gives %s %s without constraints", [result.label(k), g.id, g.granteePrincipal, concat(", ", g.operations)]),
	k, {"grant": g},
) if {
	some k in input.keys
	in_scope(k)
	some g in object.get(k, "grants", [])
	not access.service_principal(g.granteePrincipal)
	unconstrained(g)
	some op in g.operations
	lower(op) in sensitive_ops
}

deny contains result.fail_with(
	sprintf("%s: key policy lets %s call kms:CreateGrant without kms:GrantIsForAWSResource", [result.label(k), concat(", ", s.principals)]),
	k, {"statement": s},
) if {
	some k in input.keys
	in_scope(k)
	some s in access.statements(k)
	access.allows(s)
	access.grants_action(s, "kms:CreateGrant")
	some p in s.principals
	not access.root_principal(p)
	not access.service_principal(p)
	not grant_for_aws_resource(s)
}

grant_for_aws_resource(s) if {
	some _, kv in object.get(s, "conditions", {})
	some ck, v in kv
	lower(ck) == "kms:grantisforawsresource"
	lower(sprintf("%v", [v])) == "true"
}

deny contains result.unknown(keys.unknown_reason(k, ["grants", "policy", "access"]), k) if {
	some k in input.keys
	in_scope(k)
	keys.unknown_reason(k, ["grants", "policy", "access"])
}
