# METADATA
# title: Access-statement helpers
# description: |
#   Reading normalised AccessStatements (key policy, grants, IAM bindings, RBAC, inherited ones).
#   Public principals narrowed by a restricting condition are not public; condition keys and
#   operators are compared case-insensitively; Deny statements never grant; the default AWS root
#   statement (arn:aws:iam::<account>:root) delegates to IAM and is not a grant to anyone new.
package keywarden.lib.access

import rego.v1

public_principals := {"*", "allusers", "allauthenticatedusers"}

# Condition keys that tie a request to an account, organisation, source or calling service.
restricting_keys := {
	"aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths",
	"aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
	"aws:sourcevpc", "aws:sourcevpce", "aws:userid", "aws:username",
	"kms:calleraccount", "kms:viaservice",
}

# Positive matching operators; `...IfExists` variants do not restrict requests that lack the key.
restricting_ops := {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"}

# Statements of a key or container: the collector's normalised `access`, else the raw AWS key policy
# (`rawPolicy`) normalised here the same way (principals flattened, actions as a list, condition
# operators and keys lower-cased).
statements(r) := r.access if is_array(r.access)

statements(r) := [normalise(s) | some s in as_list(r.rawPolicy.Statement)] if {
	not is_array(object.get(r, "access", null))
	is_object(r.rawPolicy)
}

statements(r) := [] if {
	not is_array(object.get(r, "access", null))
	not is_object(object.get(r, "rawPolicy", null))
}

# True when the record has statements to judge (normalised or raw).
has_statements(r) if is_array(r.access)

has_statements(r) if is_object(r.rawPolicy)

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

principal_list(p) := [p] if is_string(p)

principal_list(p) := [v | some _, vs in p; some v in as_list(vs)] if is_object(p)

normalise(s) := {
	"effect": lower(object.get(s, "Effect", "Allow")),
	"principals": principal_list(object.get(s, "Principal", [])),
	"actions": as_list(object.get(s, "Action", [])),
	"conditions": {lower(op): {lower(k): v | some k, v in kv} | some op, kv in object.get(s, "Condition", {})},
	"source": "key-policy",
	"sid": object.get(s, "Sid", ""),
}

allows(s) if lower(s.effect) == "allow"

public_principal(p) if lower(p) in public_principals

public_statement(s) if s.public == true

public_statement(s) if {
	some p in s.principals
	public_principal(p)
}

# The condition operator without the set prefix, lower-cased.
bare_op(op) := last(split(lower(op), ":"))

last(arr) := arr[count(arr) - 1]

wildcard_value(v) if v == "*"

wildcard_value(v) if {
	is_array(v)
	some x in v
	x == "*"
}

# Every condition entry that really narrows who can use the statement.
narrowing_conditions(s) := {{"operator": op, "key": lower(ck), "value": v} |
	some op, kv in object.get(s, "conditions", {})
	bare_op(op) in restricting_ops
	some ck, v in kv
	lower(ck) in restricting_keys
	not wildcard_value(v)
}

narrowed(s) if count(narrowing_conditions(s)) > 0

# An Allow to a public principal with no narrowing condition.
public_grant(s) if {
	allows(s)
	public_statement(s)
	not narrowed(s)
}

# --- principals --------------------------------------------------------------------------------
root_principal(p) if regex.match(`^arn:aws[a-z-]*:iam::\d{12}:root$`, p)

root_principal(p) if regex.match(`^\d{12}$`, p)

# AWS service principals (cloudtrail.amazonaws.com, logs.eu-west-1.amazonaws.com) and service-linked roles.
service_principal(p) if regex.match(`^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$`, p)

service_principal(p) if contains(p, ":role/aws-service-role/")

# The 12-digit AWS account a principal belongs to.
account_of(p) := p if regex.match(`^\d{12}$`, p)

account_of(p) := split(p, ":")[4] if {
	startswith(p, "arn:")
	count(split(p, ":")) > 5
	regex.match(`^\d{12}$`, split(p, ":")[4])
}

# --- actions -----------------------------------------------------------------------------------
# An action pattern (`kms:*`, `kms:Decrypt*`, `*`) covers an action, case-insensitively.
action_covers(pattern, action) if glob.match(lower(pattern), null, lower(action))

grants_action(s, action) if {
	some a in s.actions
	action_covers(a, action)
}

grants_any(s, actions) if {
	some action in actions
	grants_action(s, action)
}
