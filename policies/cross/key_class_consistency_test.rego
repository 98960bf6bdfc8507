package keywarden.checks.key_class_consistency_test

import rego.v1

import data.keywarden.checks.key_class_consistency as check

k(provider, id, cls, days) := {"provider": provider, "id": id, "state": "enabled", "tags": {"data-class": cls}, "rotation": {"enabled": true, "periodDays": days}}

az(id, cls, days) := {"provider": "azure", "id": id, "state": "enabled", "tags": {"data-class": cls}, "rotation": {"enabled": true, "rotateAfterCreateDays": days}}

findings(ks) = f if {
	f = check.deny with input as {"keys": ks}
}

test_deny_azure_lax_for_confidential if {
	rs := findings([k("aws", "a1", "confidential", 365), az("z1", "confidential", 365), az("z2", "Confidential", 1095)])
	count(rs) == 1
	some r in rs
	r.resource.id == "data-class:confidential/azure"
	r.evidence.keys == ["z2"]
}

test_allow_comparable_schedules if count(findings([k("aws", "a1", "confidential", 365), az("z1", "confidential", 365), k("gcp", "g1", "confidential", 300)])) == 0

test_trap_single_provider_class_is_not_compared if count(findings([az("z1", "restricted", 90), az("z2", "restricted", 1095)])) == 0

test_trap_keys_without_auto_rotation_are_ignored if {
	off := object.union(k("aws", "a2", "confidential", 3650), {"rotation": {"enabled": false}})
	count(findings([k("aws", "a1", "confidential", 365), az("z1", "confidential", 365), off])) == 0
}

test_trap_untagged_keys_are_ignored if count(findings([object.remove(k("aws", "a1", "x", 3650), ["tags"]), az("z1", "confidential", 365)])) == 0

test_factor_from_data if {
	count(check.deny) == 0 with input as {"keys": [k("aws", "a1", "c", 365), az("z1", "c", 1095)]} with data.keywarden.classConsistencyFactor as 3
}
