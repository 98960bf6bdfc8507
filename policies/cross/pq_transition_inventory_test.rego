package keywarden.checks.pq_transition_inventory_test

import rego.v1

import data.keywarden.checks.pq_transition_inventory as check

rsa := {"provider": "azure", "id": "kv/tde", "keyType": "rsa", "purpose": "encrypt-decrypt", "state": "enabled"}

inv(k) = f if {
	f = check.warn with input as {"keys": [k]}
}

test_rsa_encryption_key_is_listed if {
	some r in inv(rsa)
	r.severity == "info"
}

test_restricted_signing_key_is_listed if count(inv(object.union(rsa, {"purpose": "sign-verify", "tags": {"data-class": "restricted"}}))) == 1

test_internal_signing_key_is_not if count(inv(object.union(rsa, {"purpose": "sign-verify"}))) == 0

test_trap_symmetric_keys_out_of_scope if count(inv(object.union(rsa, {"keyType": "symmetric"}))) == 0

test_trap_pq_keys_out_of_scope if count(inv(object.union(rsa, {"keyType": "ml-kem"}))) == 0

test_no_deny_rule if not check.deny
