package keywarden.checks.gcp_kms_too_many_key_users_test

import rego.v1

import data.keywarden.checks.gcp_kms_too_many_key_users as check

ring_id := "projects/p1/locations/global/keyRings/r"

binding(members, role) := {"effect": "allow", "principals": members, "actions": [role], "source": "iam-binding"}

key := {
	"provider": "gcp", "account": "p1", "id": concat("/", [ring_id, "cryptoKeys/k"]), "name": "k", "container": ring_id,
	"manager": "customer", "state": "enabled",
	"access": [binding(["serviceAccount:app@p1.iam.gserviceaccount.com", "user:alice@example.com"], "roles/cloudkms.cryptoKeyEncrypterDecrypter")],
}

findings(k, cs) = f if {
	f = check.deny with input as {"keys": [k], "containers": cs}
}

test_allow_two_users if count(findings(key, [])) == 0

test_deny_four_users_across_key_and_ring if {
	ring := {"provider": "gcp", "account": "p1", "id": ring_id, "kind": "key-ring", "access": [binding(["user:bob@example.com", "group:etl@example.com"], "roles/cloudkms.cryptoKeyDecrypter")]}
	some r in findings(key, [ring])
	count(r.evidence.users) == 4
}

test_deny_inherited_from_project if {
	inherited := object.union(binding(["user:c@example.com", "user:d@example.com"], "roles/cloudkms.cryptoOperator"), {"source": "inherited", "scope": "projects/p1"})
	k := object.union(key, {"access": array.concat(key.access, [inherited])})
	count(findings(k, [])) == 1
}

# Trap: Steampipe counts every member of every role, viewers and admins included, without de-duplicating.
test_trap_viewers_admins_and_duplicates_not_counted if {
	k := object.union(key, {"access": array.concat(key.access, [
		binding(["user:alice@example.com"], "roles/cloudkms.cryptoKeyDecrypter"),
		binding(["user:v1@example.com", "user:v2@example.com"], "roles/cloudkms.viewer"),
		binding(["group:kms-admins@example.com"], "roles/cloudkms.admin"),
	])})
	count(findings(k, [])) == 0
}

# Trap: CMEK service agents are Google-managed and not counted.
test_trap_cmek_service_agents_excluded if {
	k := object.union(key, {"access": array.concat(key.access, [binding([
		"serviceAccount:service-123@gs-project-accounts.iam.gserviceaccount.com",
		"serviceAccount:service-123@gcp-sa-bigquery-encryption.iam.gserviceaccount.com",
		"serviceAccount:service-123@compute-system.iam.gserviceaccount.com",
	], "roles/cloudkms.cryptoKeyEncrypterDecrypter")])})
	count(findings(k, [])) == 0
}

test_deny_restricted_class_limit if {
	k := object.union(key, {"access": [binding(["user:a@x", "user:b@x", "user:c@x"], "roles/cloudkms.cryptoKeyEncrypterDecrypter")]})
	f := check.deny with input as {"keys": [k], "containers": []} with data.keywarden.thresholds as {"maxKeyUsers": 2}
	count(f) == 1
}

test_unknown_iam_unreadable if {
	k := object.union(object.remove(key, ["access"]), {"unknown": {"access": "PERMISSION_DENIED: getIamPolicy"}})
	some r in findings(k, [])
	r.status == "unknown"
}

test_trap_disabled_key if count(findings(object.union(key, {"state": "disabled", "access": [binding(["user:a@x", "user:b@x", "user:c@x", "user:d@x"], "roles/cloudkms.cryptoKeyDecrypter")]}), [])) == 0
