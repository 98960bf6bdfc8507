package keywarden.checks.key_protection_level_hsm_test

import rego.v1

import data.keywarden.checks.key_protection_level_hsm as check

gcp := {"provider": "gcp", "id": "g", "keyType": "symmetric", "protectionLevel": "software", "state": "enabled", "tags": {"data-class": "restricted"}}

req(k) = f if {
	f = check.deny with input as {"keys": [k]} with data.keywarden.thresholds as {"hsmRequiredDataClasses": ["restricted"]}
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_no_requirement_by_default if count(findings(gcp)) == 0

test_deny_software_key_for_restricted_data if count(req(gcp)) == 1

test_allow_hsm_protection if count(req(object.union(gcp, {"protectionLevel": "hsm"}))) == 0

test_tag_requires_hsm if count(findings(object.union(gcp, {"tags": {"hsm-required": "true"}}))) == 1

test_azure_hsm_key_type if {
	k := {"provider": "azure", "id": "a", "spec": "RSA-HSM", "protectionLevel": "software", "state": "enabled", "tags": {"data-class": "restricted"}}
	count(req(k)) == 0
	count(req(object.union(k, {"spec": "RSA"}))) == 1
}

test_trap_aws_keys_are_in_hsms if count(req({"provider": "aws", "id": "k", "spec": "SYMMETRIC_DEFAULT", "origin": "generated", "state": "enabled", "tags": {"data-class": "restricted"}})) == 0

test_aws_single_tenant_needs_custom_store if {
	k := {"provider": "aws", "id": "k", "origin": "generated", "state": "enabled", "tags": {"data-class": "restricted", "single-tenant": "true"}}
	count(req(k)) == 1
	count(req(object.union(k, {"origin": "cloudhsm"}))) == 0
}
