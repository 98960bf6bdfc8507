package keywarden.lib.keys_test

import rego.v1

import data.keywarden.lib.keys

aws_sym := {"provider": "aws", "spec": "SYMMETRIC_DEFAULT", "keyType": "symmetric", "origin": "generated", "state": "enabled"}

test_absent_manager_is_customer if {
	keys.customer_managed({})
	not keys.customer_managed({"manager": "provider"})
	keys.provider_managed({"manager": "provider"})
}

test_state_from_enabled_flag if {
	keys.enabled({"enabled": true})
	keys.disabled({"enabled": false})
	keys.pending_deletion({"state": "pending-deletion"})
	keys.pending_deletion({"state": "other", "rawState": "PendingReplicaDeletion"})
	keys.pending_import({"state": "pending-import"})
}

test_collector_verdict_wins if {
	keys.can_auto_rotate(object.union(aws_sym, {"rotation": {"supported": true}}))
	keys.cannot_auto_rotate(object.union(aws_sym, {"rotation": {"supported": false}}))
}

test_aws_derivation if {
	keys.can_auto_rotate(aws_sym)
	keys.cannot_auto_rotate(object.union(aws_sym, {"origin": "imported"}))
	keys.cannot_auto_rotate(object.union(aws_sym, {"origin": "cloudhsm"}))
	keys.cannot_auto_rotate(object.union(aws_sym, {"origin": "external-key-store"}))
	keys.cannot_auto_rotate(object.union(aws_sym, {"spec": "RSA_2048", "keyType": "rsa"}))
	keys.cannot_auto_rotate(object.union(aws_sym, {"spec": "HMAC_256", "keyType": "hmac"}))
}

test_gcp_derivation if {
	k := {"provider": "gcp", "purpose": "encrypt-decrypt", "keyType": "symmetric"}
	keys.can_auto_rotate(k)
	keys.cannot_auto_rotate(object.union(k, {"protectionLevel": "external"}))
	keys.cannot_auto_rotate({"provider": "gcp", "purpose": "sign-verify", "keyType": "ec"})
}

test_pkcs11_never_auto_rotates if keys.cannot_auto_rotate({"provider": "pkcs11", "keyType": "symmetric"})

test_unknown_rotation_is_neither if {
	k := {"provider": "azure", "unknown": {"rotation": "Unreachable"}, "raw": {"managed": true}}
	not keys.can_auto_rotate(k)
	not keys.cannot_auto_rotate(k)
}

test_tags_case_insensitive if {
	k := {"tags": {"Owner": "team", "Data-Class": "restricted", "Env": "production"}}
	keys.tag(k, "owner") == "team"
	keys.data_class(k) == "restricted"
	keys.environment(k) == "production"
	not keys.has_tag({"tags": {"owner": " "}}, "owner")
}

test_tag_names_differing_only_in_case if {
	k := {"tags": {"owner": "b-team", "Owner": "a-team"}}
	keys.tag(k, "OWNER") == "a-team"
	not keys.tag(k, "missing")
	not keys.tag({}, "owner")
}

test_exempt_tag if {
	k := {"tags": {"keywarden-exempt": "ec-curve-allowed, key-type-allowed"}}
	keys.exempt(k, "key-type-allowed")
	not keys.exempt(k, "rsa-min-modulus")
}

test_unknown_fields_and_reason if {
	k := {"unknown": {"rotation": "Unreachable: private endpoint", "hsm.copyable": "CKR_ATTRIBUTE_TYPE_INVALID"}}
	keys.unknown_field(k, "rotation.enabled")
	keys.unknown_field(k, "hsm")
	keys.unknown_field(k, "hsm.copyable")
	not keys.unknown_field(k, "expiresAt")
	keys.unknown_reason(k, ["expiresAt", "rotation"]) == "rotation not readable: Unreachable: private endpoint"
}

test_material_since_prefers_newest_rotation if {
	k := {"createdAt": "2023-01-01T00:00:00Z", "lastRotatedAt": "2026-07-24T00:00:00Z", "versions": [{"createdAt": "2026-08-01T00:00:00Z", "enabled": false}]}
	keys.material_since(k) == "2026-07-24T00:00:00Z"
}

test_material_since_falls_back_to_creation if {
	keys.material_since({"createdAt": "2024-05-15T00:00:00Z", "rotation": {"supported": false}}) == "2024-05-15T00:00:00Z"
	keys.material_since({"hsm": {"startDate": "2021-05-11"}}) == "2021-05-11"
}

test_material_age if {
	keys.material_age_days({"createdAt": "2026-10-01T00:00:00Z"}) == 31 with input.now as "2026-11-01T00:00:00Z"
}

test_multi_region if {
	keys.replica({"multiRegion": {"role": "replica"}})
	keys.primary({"multiRegion": {"role": "primary"}})
	not keys.multi_region({})
}
