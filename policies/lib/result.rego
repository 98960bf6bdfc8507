# METADATA
# title: Result builders
# description: |
#   Build keywarden result objects for deny/warn rules: {msg, resource, status, reason, evidence}.
#   Use fail(msg, r) for a violation and unknown(reason, r) when an input the check needs was not
#   collected (unknown is never pass). `r` is a key, container or logging record of the inventory.
package keywarden.lib.result

import rego.v1

# The record's canonical ResourceRef (collectors always set `ref`; a bare record falls back to its fields).
ref(r) := r.ref if is_object(r.ref)

ref(r) := {"provider": r.provider, "account": object.get(r, "account", ""), "id": r.id} if not is_object(object.get(r, "ref", null))

# Human name of a record: its name (alias, key name, label), else its id.
label(r) := r.name if is_string(r.name)

label(r) := r.id if not is_string(object.get(r, "name", null))

fail(msg, r) := {"msg": msg, "resource": ref(r), "status": "fail", "evidence": {}}

fail_with(msg, r, evidence) := {"msg": msg, "resource": ref(r), "status": "fail", "evidence": evidence}

unknown(reason, r) := {
	"msg": sprintf("%s: cannot be evaluated: %s", [label(r), reason]),
	"resource": ref(r),
	"status": "unknown",
	"reason": reason,
	"evidence": {},
}

unknown_with(reason, r, evidence) := object.union(unknown(reason, r), {"evidence": evidence})
