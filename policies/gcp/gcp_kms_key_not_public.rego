# METADATA
# title: "Cloud KMS keys are not public, directly or through the key ring"
# description: >-
#   No IAM binding gives allUsers or allAuthenticatedUsers any role on a key, whether the binding is
#   on the key itself, inherited from its key ring, project, folder or organisation (normalised by
#   the collector as `inherited` access statements), or on the key ring record in the inventory.
#   Prowler reads only key-level IAM and misses keys made public through the key ring. An IAM
#   policy the scanner could not read is unknown, not pass.
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/iam
#   - ref: https://cloud.google.com/iam/docs/overview#all-users
# custom:
#   id: gcp-kms-key-not-public
#   severity: critical
#   remediation: >-
#     Remove the public members: gcloud kms keys remove-iam-policy-binding <key> --keyring <ring> --location <loc> --member allUsers --role <role>
#     (and the same with `gcloud kms keyrings remove-iam-policy-binding` on the key ring).
#   providers: [gcp]
#   service: kms
#   tags:
#     - "prowler:kms_key_not_publicly_accessible"
#     - "scc:KMS_PUBLIC_KEY"
#     - "steampipe:kms_key_not_publicly_accessible"
#   frameworks:
#     cis-gcp-2.0: ["1.9"]
#     cis-gcp-3.0: ["1.9"]
#     cis-gcp-4.0: ["1.9"]
#     cis-gcp-5.0: ["1.10"]
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.3", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.5.18", "A.8.2"]
#     nist-800-53-r5: ["AC-3", "AC-6", "SC-12"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3"]
package keywarden.checks.gcp_kms_key_not_public

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "gcp-kms-key-not-public"

in_scope(k) if {
	k.provider == "gcp"
	keys.customer_managed(k)
	not k.state == "destroyed"
	not keys.exempt(k, check_id)
}

# Statements that apply to the key: its own (inherited ones included) and its key ring's.
effective(k) := array.concat(access.statements(k), ring_statements(k))

ring_statements(k) := [s |
	some c in object.get(input, "containers", [])
	c.id == k.container
	some s in access.statements(c)
]

# GCP IAM conditions (CEL on time, resource names) never narrow who the member is: allUsers stays public.
public_binding(s) if {
	access.allows(s)
	access.public_statement(s)
}

public_bindings(k) := [s | some s in effective(k); public_binding(s)]

where(s) := s.scope if is_string(s.scope)

where(s) := s.source if not is_string(s.scope)

deny contains result.fail_with(
	sprintf("%s: public members %v hold %v (from %v)", [result.label(k), members(k), roles(k), sort({where(s) | some s in public_bindings(k)})]),
	k, {"members": members(k), "roles": roles(k), "bindings": public_bindings(k)},
) if {
	some k in input.keys
	in_scope(k)
	count(public_bindings(k)) > 0
}

members(k) := sort({p | some s in public_bindings(k); some p in s.principals; access.public_principal(p)})

roles(k) := sort({a | some s in public_bindings(k); some a in s.actions})

# The key's or its key ring's IAM policy could not be read: unknown unless already public.
deny contains result.unknown(unreadable(k), k) if {
	some k in input.keys
	in_scope(k)
	count(public_bindings(k)) == 0
	unreadable(k)
}

unreadable(k) := keys.unknown_reason(k, ["access", "iamPolicy", "rawPolicy"])

unreadable(k) := sprintf("key ring IAM policy not readable: %s", [keys.unknown_reason(c, ["access", "iamPolicy"])]) if {
	not keys.unknown_reason(k, ["access", "iamPolicy", "rawPolicy"])
	some c in object.get(input, "containers", [])
	c.id == k.container
	keys.unknown_reason(c, ["access", "iamPolicy"])
}
