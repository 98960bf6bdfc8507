package keywarden.checks.key_ownership_metadata_test

import rego.v1

import data.keywarden.checks.key_ownership_metadata as check

key := {"provider": "aws", "id": "arn:k", "name": "alias/dev-scratch", "manager": "customer", "state": "enabled", "tags": {"environment": "development"}}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_missing_owner if {
	some r in findings(key)
	r.evidence.missing == ["owner"]
}

test_allow_owner_any_case if count(findings(object.union(key, {"tags": {"Owner": "platform"}}))) == 0

test_empty_value_does_not_count if count(findings(object.union(key, {"tags": {"owner": ""}}))) == 1

test_pci_requires_data_class if {
	count(check.deny) == 1 with input as {"keys": [object.union(key, {"tags": {"owner": "x"}})]} with data.keywarden.thresholds as {"requiredTags": ["owner", "data-class"]}
}

test_trap_aws_managed if count(findings(object.union(key, {"manager": "provider"}))) == 0

test_trap_azure_tag_on_vault if {
	k := {"provider": "azure", "id": "kv/k", "container": "vault-1", "state": "enabled", "tags": {}}
	count(check.deny) == 0 with input as {"keys": [k], "containers": [{"id": "vault-1", "provider": "azure", "tags": {"owner": "team"}}]}
	count(check.deny) == 1 with input as {"keys": [k], "containers": [{"id": "vault-1", "provider": "azure", "tags": {}}]}
}

test_trap_pkcs11_objects_have_no_tags if count(findings({"provider": "pkcs11", "id": "p", "state": "enabled"})) == 0

test_trap_pending_deletion if count(findings(object.union(key, {"state": "pending-deletion"}))) == 0

test_unknown_tags if {
	some r in findings(object.union(object.remove(key, ["tags"]), {"unknown": {"tags": "AccessDenied: kms:ListResourceTags"}}))
	r.status == "unknown"
}
