package keywarden.checks.azure_kv_key_rotation_policy_test

import rego.v1

import data.keywarden.checks.azure_kv_key_rotation_policy as check

key := {
	"provider": "azure", "account": "sub1", "id": "https://kv1.vault.azure.net/keys/cmk", "name": "cmk",
	"manager": "customer", "keyType": "rsa", "state": "enabled", "createdAt": "2026-01-01T00:00:00Z",
	"rotation": {"supported": true, "enabled": true, "rotateAfterCreateDays": 365},
	"raw": {"kty": "RSA-HSM", "managed": false},
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

statuses(k) := {r.status | some r in findings(k)}

test_allow_yearly_rotation if count(findings(key)) == 0

test_deny_no_rotation_policy if statuses(object.union(key, {"rotation": {"enabled": false}})) == {"fail"}

# Trap: a Rotate action exists but its period exceeds the limit (Prowler passes any Rotate).
test_deny_rotate_action_too_slow if {
	some r in findings(object.union(key, {"rotation": {"rotateAfterCreateDays": 1095}}))
	r.status == "fail"
	r.evidence.applied.value == 730
}

test_deny_confidential_class_cap if statuses(object.union(key, {"tags": {"data-class": "confidential"}, "rotation": {"rotateAfterCreateDays": 500}})) == {"fail"}

test_allow_expiry_driven_rotation_within_limit if {
	k := object.union(key, {"expiresAt": "2027-01-01T00:00:00Z", "rotation": {"enabled": true, "rotateAfterCreateDays": null, "rotateBeforeExpiryDays": 30}})
	count(findings(object.union(object.remove(k, ["rotation"]), {"rotation": {"enabled": true, "rotateBeforeExpiryDays": 30}}))) == 0
}

test_deny_expiry_driven_rotation_too_late if {
	k := object.union(object.remove(key, ["rotation"]), {"expiresAt": "2030-01-01T00:00:00Z", "rotation": {"enabled": true, "rotateBeforeExpiryDays": 30}})
	statuses(k) == {"fail"}
}

# Trap: the vault data plane was unreachable: unknown, not FAIL (prowler#12654).
test_trap_unreachable_vault_is_unknown if {
	k := object.union(object.remove(key, ["rotation"]), {"unknown": {"rotation": "Unreachable: data plane behind a private endpoint"}})
	rs := findings(k)
	{r.status | some r in rs} == {"unknown"}
	some r in rs
	contains(r.reason, "Unreachable")
}

test_unknown_rotation_not_collected if statuses(object.remove(key, ["rotation"])) == {"unknown"}

test_unknown_trigger_unreadable if statuses(object.union(object.remove(key, ["rotation"]), {"rotation": {"enabled": true}})) == {"unknown"}

# Trap: disabled keys are out of scope (Prowler evaluates them).
test_trap_disabled_key if count(findings(object.union(key, {"state": "disabled", "enabled": false, "rotation": {"enabled": false}}))) == 0

# Trap: certificate-managed keys are renewed by the certificate policy.
test_trap_certificate_managed_key if count(findings(object.union(key, {"raw": {"managed": true}, "rotation": {"supported": false, "enabled": false}}))) == 0

test_trap_provider_managed if count(findings(object.union(key, {"manager": "provider", "rotation": {"enabled": false}}))) == 0
