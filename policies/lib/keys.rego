# METADATA
# title: Key predicates
# description: |
#   Predicates over KeyRecord (src/core/model.ts): who manages it, its lifecycle state, whether the
#   provider can rotate it automatically, tags (case-insensitive names), unknown inputs, the age of
#   its current material, and per-key exemptions through the `keywarden-exempt` tag.
package keywarden.lib.keys

import rego.v1

import data.keywarden.lib.dates

# --- who manages it --------------------------------------------------------------------------
# Absent `manager` means customer: only collectors that know a key is provider-managed say so.
customer_managed(k) if object.get(k, "manager", "customer") == "customer"

provider_managed(k) if k.manager == "provider"

# --- lifecycle state -------------------------------------------------------------------------
state(k) := k.state if is_string(k.state)

state(k) := "enabled" if {
	not is_string(object.get(k, "state", null))
	object.get(k, "enabled", true) == true
}

state(k) := "disabled" if {
	not is_string(object.get(k, "state", null))
	k.enabled == false
}

enabled(k) if state(k) == "enabled"

disabled(k) if state(k) == "disabled"

pending_deletion(k) if state(k) == "pending-deletion"

pending_deletion(k) if k.rawState in {"PendingDeletion", "PendingReplicaDeletion"}

pending_import(k) if state(k) == "pending-import"

# --- multi-Region (AWS) ----------------------------------------------------------------------
replica(k) if k.multiRegion.role == "replica"

primary(k) if k.multiRegion.role == "primary"

multi_region(k) if is_object(k.multiRegion)

# --- algorithm families ----------------------------------------------------------------------
key_type(k) := lower(k.keyType) if is_string(k.keyType)

asymmetric(k) if key_type(k) in {"rsa", "ec", "okp", "ml-dsa", "ml-kem", "slh-dsa", "dsa", "dh"}

symmetric(k) if key_type(k) in {"symmetric", "aes", "des", "des3", "generic-secret"}

hmac(k) if key_type(k) == "hmac"

hmac(k) if k.purpose == "mac"

# --- automatic rotation ----------------------------------------------------------------------
# The collector says so (rotation.supported); otherwise derive it as the providers define it.
can_auto_rotate(k) if k.rotation.supported == true

can_auto_rotate(k) if {
	not is_boolean(object.get(k, ["rotation", "supported"], null))
	derived_auto_rotate(k)
}

# AWS: only SYMMETRIC_DEFAULT keys with AWS_KMS origin (not imported, CloudHSM or external store).
derived_auto_rotate(k) if {
	k.provider == "aws"
	upper(object.get(k, "spec", "SYMMETRIC_DEFAULT")) == "SYMMETRIC_DEFAULT"
	object.get(k, "origin", "generated") == "generated"
	not asymmetric(k)
	not hmac(k)
}

# GCP: symmetric ENCRYPT_DECRYPT keys that are not Cloud EKM keys.
derived_auto_rotate(k) if {
	k.provider == "gcp"
	k.purpose == "encrypt-decrypt"
	symmetric(k)
	not object.get(k, "protectionLevel", "software") in {"external", "external-vpc"}
}

# Azure: any key can have a rotation policy except certificate-managed ones.
derived_auto_rotate(k) if {
	k.provider == "azure"
	object.get(k, ["raw", "managed"], false) != true
}

cannot_auto_rotate(k) if {
	k.rotation.supported == false
}

cannot_auto_rotate(k) if {
	not is_boolean(object.get(k, ["rotation", "supported"], null))
	not derived_auto_rotate(k)
	not unknown_field(k, "rotation")
}

# --- tags --------------------------------------------------------------------------------------
# Tag value by name, case-insensitively on the name. The lower-cased tag map is built once per key
# (memoised), so the many tag lookups of a policy pack are map reads; where two tag names differ
# only in case (Owner and owner), the first in sorted order wins rather than failing the check.
tag(k, name) := tags_by_lower_name(k)[lower(name)]

tags_by_lower_name(k) := {lower(key): tags[key] |
	tags := object.get(k, "tags", {})
	some key, _ in tags
	key == min({other | some other, _ in tags; lower(other) == lower(key)})
}

has_tag(k, name) if {
	v := tag(k, name)
	trim_space(v) != ""
}

data_class_tags := ["data-class", "dataclass", "data_class", "data-classification", "classification"]

environment_tags := ["environment", "env", "stage"]

data_class(k) := [v | some n in data_class_tags; v := tag(k, n)][0]

environment(k) := [v | some n in environment_tags; v := tag(k, n)][0]

# `keywarden-exempt: id1,id2` on a key exempts it from those checks (documented exceptions).
exempt(k, check_id) if {
	v := tag(k, "keywarden-exempt")
	some part in split(v, ",")
	trim_space(part) == check_id
}

# --- unknown inputs ------------------------------------------------------------------------------
# True when the collector could not read `field` (or a field below it, or the record it belongs to).
unknown_field(k, field) if is_string(k.unknown[field])

unknown_field(k, field) if {
	some f, _ in object.get(k, "unknown", {})
	startswith(f, concat("", [field, "."]))
}

unknown_field(k, field) if {
	some f, _ in object.get(k, "unknown", {})
	startswith(field, concat("", [f, "."]))
}

# The collector's reason for the first unknown field among `fields` (sorted).
unknown_reason(k, fields) := sprintf("%s not readable: %s", [unknown_hits(k, fields)[0], k.unknown[unknown_hits(k, fields)[0]]]) if {
	count(unknown_hits(k, fields)) > 0
}

unknown_hits(k, fields) := sort({f | some f, _ in object.get(k, "unknown", {}); some want in fields; related(f, want)})

related(f, want) if f == want

related(f, want) if startswith(f, concat("", [want, "."]))

related(f, want) if startswith(want, concat("", [f, "."]))

# --- ages --------------------------------------------------------------------------------------
# When the current key material / version came into use: the newest rotation or enabled version,
# else the key's creation (or PKCS#11 CKA_START_DATE).
material_since(k) := dates.newest(rotation_dates(k)) if count(rotation_dates(k)) > 0

rotation_dates(k) := array.concat(
		[t | some t in [object.get(k, "lastRotatedAt", null), object.get(k, ["rotation", "lastRotatedAt"], null)]; is_string(t)],
		array.concat(
			[v.createdAt | some v in object.get(k, "versions", []); object.get(v, "enabled", true) == true; is_string(v.createdAt)],
			[h.at | some h in object.get(k, ["rotation", "history"], []); is_string(h.at)],
		),
	)

material_since(k) := [t | some t in [object.get(k, "createdAt", null), object.get(k, ["hsm", "startDate"], null)]; dates.valid(t)][0] if {
	not has_rotation_dates(k)
}

has_rotation_dates(k) if is_string(k.lastRotatedAt)

has_rotation_dates(k) if is_string(k.rotation.lastRotatedAt)

has_rotation_dates(k) if {
	some v in k.versions
	object.get(v, "enabled", true) == true
	is_string(v.createdAt)
}

has_rotation_dates(k) if {
	some h in k.rotation.history
	is_string(h.at)
}

# Days since the current material came into use.
material_age_days(k) := dates.age_days(material_since(k))
