package keywarden.checks.gcp_kms_key_not_public_test

import rego.v1

import data.keywarden.checks.gcp_kms_key_not_public as check

ring_id := "projects/p1/locations/global/keyRings/shared"

ring := {"provider": "gcp", "account": "p1", "id": ring_id, "kind": "key-ring", "access": [
	{"effect": "allow", "principals": ["group:kms-admins@example.com"], "actions": ["roles/cloudkms.admin"], "source": "iam-binding"},
]}

key := {
	"provider": "gcp", "account": "p1", "id": concat("/", [ring_id, "cryptoKeys/dek"]), "name": "dek", "container": ring_id,
	"manager": "customer", "purpose": "encrypt-decrypt", "keyType": "symmetric", "state": "enabled",
	"access": [{"effect": "allow", "principals": ["serviceAccount:app@p1.iam.gserviceaccount.com"], "actions": ["roles/cloudkms.cryptoKeyEncrypterDecrypter"], "source": "iam-binding"}],
}

public_binding := {"effect": "allow", "principals": ["allUsers"], "public": true, "actions": ["roles/cloudkms.cryptoKeyDecrypter"], "source": "iam-binding"}

findings(k, c) = f if {
	f = check.deny with input as {"keys": [k], "containers": [c]}
}

test_allow_private_key if count(findings(key, ring)) == 0

test_deny_all_users_on_key if {
	k := object.union(key, {"access": [public_binding]})
	some r in findings(k, ring)
	r.status == "fail"
	r.evidence.members == ["allUsers"]
}

test_deny_all_authenticated_users_on_key if {
	k := object.union(key, {"access": [object.union(public_binding, {"principals": ["allAuthenticatedUsers"]})]})
	some r in findings(k, ring)
	r.status == "fail"
}

# Trap: public only through the key ring (Prowler reads key-level IAM only).
test_deny_public_through_key_ring_record if {
	c := object.union(ring, {"access": [public_binding]})
	some r in findings(key, c)
	r.status == "fail"
	contains(r.msg, "iam-binding")
}

test_deny_public_through_inherited_statement if {
	inherited := object.union(public_binding, {"source": "inherited", "scope": ring_id})
	k := object.union(key, {"access": array.concat(key.access, [inherited])})
	some r in findings(k, ring)
	contains(r.msg, ring_id)
}

test_deny_public_inherited_from_project if {
	inherited := object.union(public_binding, {"source": "inherited", "scope": "projects/p1", "actions": ["roles/cloudkms.viewer"]})
	k := object.union(key, {"access": [inherited]})
	some r in findings(k, ring)
	r.evidence.roles == ["roles/cloudkms.viewer"]
}

# A CEL condition on allUsers does not make it private.
test_deny_conditional_public_binding if {
	k := object.union(key, {"access": [object.union(public_binding, {"conditions": {"expression": "request.time < timestamp('2030-01-01T00:00:00Z')"}})]})
	count(findings(k, ring)) == 1
}

test_allow_deny_policy_on_all_users if {
	k := object.union(key, {"access": [object.union(public_binding, {"effect": "deny"})]})
	count(findings(k, ring)) == 0
}

test_allow_other_ring_public if {
	c := object.union(ring, {"id": "projects/p1/locations/global/keyRings/other", "access": [public_binding]})
	count(findings(key, c)) == 0
}

test_unknown_key_iam_unreadable if {
	k := object.union(object.remove(key, ["access"]), {"unknown": {"access": "PERMISSION_DENIED: cloudkms.cryptoKeys.getIamPolicy"}})
	some r in findings(k, ring)
	r.status == "unknown"
	contains(r.reason, "getIamPolicy")
}

test_unknown_ring_iam_unreadable if {
	c := object.union(object.remove(ring, ["access"]), {"unknown": {"access": "PERMISSION_DENIED: cloudkms.keyRings.getIamPolicy"}})
	some r in findings(key, c)
	r.status == "unknown"
	contains(r.reason, "key ring")
}

test_deny_wins_over_unknown_when_ring_public if {
	k := object.union(key, {"unknown": {"access": "denied"}})
	c := object.union(ring, {"access": [public_binding]})
	{r.status | some r in findings(k, c)} == {"fail"}
}

test_trap_destroyed_key if count(findings(object.union(key, {"state": "destroyed", "access": [public_binding]}), ring)) == 0
