package keywarden.checks.key_expiration_set_test

import rego.v1

import data.keywarden.checks.key_expiration_set as check

az := {"provider": "azure", "id": "kv/storage-cmk", "name": "storage-cmk", "manager": "customer", "keyType": "rsa", "state": "enabled"}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_deny_azure_key_without_expiry if count(findings(az)) == 1

test_allow_azure_key_with_expiry if count(findings(object.union(az, {"expiresAt": "2027-01-01T00:00:00Z"}))) == 0

test_trap_disabled_key_out_of_scope if count(findings(object.union(az, {"state": "disabled"}))) == 0

test_trap_unreachable_data_plane_is_unknown if {
	rs := findings(object.union(az, {"unknown": {"expiresAt": "Unreachable: data plane behind a private endpoint"}}))
	count(rs) == 1
	some r in rs
	r.status == "unknown"
}

test_deny_aws_imported_without_valid_to if count(findings({"provider": "aws", "id": "k", "origin": "imported", "state": "enabled"})) == 1

test_allow_aws_imported_documented_no_expiry if count(findings({"provider": "aws", "id": "k", "origin": "imported", "state": "enabled", "raw": {"ExpirationModel": "KEY_MATERIAL_DOES_NOT_EXPIRE"}})) == 0

test_trap_aws_pending_import if count(findings({"provider": "aws", "id": "k", "origin": "imported", "state": "pending-import"})) == 0

test_trap_aws_generated_keys_need_no_expiry if count(findings({"provider": "aws", "id": "k", "origin": "generated", "state": "enabled"})) == 0

test_trap_hsm_end_date_is_declared_only if count(findings({"provider": "pkcs11", "id": "p", "state": "enabled", "hsm": {"class": "CKO_SECRET_KEY"}})) == 0
