package keywarden.checks.gcp_kms_project_no_owner_test

import rego.v1

import data.keywarden.checks.gcp_kms_project_no_owner as check

key := {"provider": "gcp", "account": "p1", "id": "projects/p1/locations/global/keyRings/r/cryptoKeys/k", "manager": "customer", "access": []}

project(bindings) := {"provider": "gcp", "account": "p1", "id": "projects/p1", "name": "p1", "kind": "project", "access": bindings}

owner(members) := {"effect": "allow", "principals": members, "actions": ["roles/owner"], "source": "iam-binding"}

findings(cs) = f if {
	f = check.deny with input as {"keys": [key], "containers": cs}
}

test_allow_no_owner if count(findings([project([{"effect": "allow", "principals": ["user:a@example.com"], "actions": ["roles/viewer"], "source": "iam-binding"}])])) == 0

test_deny_user_owner if {
	some r in findings([project([owner(["user:alice@example.com"])])])
	r.evidence.owners == ["user:alice@example.com"]
}

test_deny_group_owner if count(findings([project([owner(["group:admins@example.com"])])])) == 1

test_deny_owner_inherited_on_key if {
	k := object.union(key, {"access": [object.union(owner(["user:bob@example.com"]), {"source": "inherited", "scope": "projects/p1"})]})
	f := check.deny with input as {"keys": [k], "containers": []}
	some r in f
	r.resource.id == "projects/p1"
}

# Trap: service-account owners (SCC says "a user").
test_trap_service_account_owner if count(findings([project([owner(["serviceAccount:terraform@p1.iam.gserviceaccount.com"])])])) == 0

# Trap: break-glass owner accounts are allowlisted.
test_trap_break_glass_owner if {
	f := check.deny with input as {"keys": [key], "containers": [project([owner(["user:breakglass@example.com"])])]}
		with data.keywarden.thresholds as {"breakGlassPrincipals": ["user:breakglass@example.com"]}
	count(f) == 0
}

test_allow_project_without_keys if {
	f := check.deny with input as {"keys": [], "containers": [project([owner(["user:alice@example.com"])])]}
	count(f) == 0
}

test_unknown_project_iam_not_collected if {
	some r in findings([])
	r.status == "unknown"
}

test_unknown_project_iam_unreadable if {
	p := object.union(object.remove(project([]), ["access"]), {"unknown": {"access": "PERMISSION_DENIED: resourcemanager.projects.getIamPolicy"}})
	some r in findings([p])
	contains(r.reason, "PERMISSION_DENIED")
}
