# A realistic key-inventory policy for benchmarking: about 20 deny rules of the kinds the built-in
# pack uses (rotation, cryptoperiod, state, access, tags, algorithms, expiry), over input.keys.
package bench.keys

import rego.v1

day_ns := 24 * 60 * 60 * 1000000000

now_ns := time.parse_rfc3339_ns(input.now)

age_days(ts) := (now_ns - time.parse_rfc3339_ns(ts)) / day_ns

customer_keys contains key if {
	some key in input.keys
	key.manager == "customer"
}

deny contains msg if {
	some key in customer_keys
	key.provider == "aws"
	key.spec == "SYMMETRIC_DEFAULT"
	key.origin == "generated"
	key.state == "enabled"
	not key.rotation.enabled
	msg := sprintf("%s: automatic rotation is off", [key.id])
}

deny contains msg if {
	some key in customer_keys
	key.rotation.periodDays > 365
	msg := sprintf("%s: rotation period %d days exceeds 365", [key.id, key.rotation.periodDays])
}

deny contains msg if {
	some key in customer_keys
	key.lastRotatedAt
	age_days(key.lastRotatedAt) > 730
	msg := sprintf("%s: not rotated for %d days", [key.id, age_days(key.lastRotatedAt)])
}

deny contains msg if {
	some key in customer_keys
	key.state == "pending-deletion"
	key.deletionWindowDays < 30
	msg := sprintf("%s: deletion window %d < 30 days", [key.id, key.deletionWindowDays])
}

deny contains msg if {
	some key in customer_keys
	some st in key.access
	st.effect == "allow"
	"*" in st.principals
	not st.conditions
	msg := sprintf("%s: public principal without conditions", [key.id])
}

deny contains msg if {
	some key in customer_keys
	some st in key.access
	st.effect == "allow"
	some action in st.actions
	action in {"kms:*", "*"}
	not startswith(st.principals[0], "arn:aws:iam::")
	msg := sprintf("%s: wildcard actions for %s", [key.id, st.principals[0]])
}

deny contains msg if {
	some key in customer_keys
	not key.tags.owner
	msg := sprintf("%s: no owner tag", [key.id])
}

deny contains msg if {
	some key in customer_keys
	not key.tags["data-class"]
	msg := sprintf("%s: no data-class tag", [key.id])
}

deny contains msg if {
	some key in customer_keys
	key.keyType == "rsa"
	key.sizeBits < 2048
	msg := sprintf("%s: RSA key of %d bits", [key.id, key.sizeBits])
}

deny contains msg if {
	some key in customer_keys
	key.tags["data-class"] == "restricted"
	key.protectionLevel != "hsm"
	msg := sprintf("%s: restricted data on a %s key", [key.id, key.protectionLevel])
}

deny contains msg if {
	some key in customer_keys
	key.expiresAt
	age_days(key.expiresAt) > 0
	msg := sprintf("%s: expired", [key.id])
}

deny contains msg if {
	some key in customer_keys
	key.provider == "azure"
	not key.expiresAt
	msg := sprintf("%s: no expiry date", [key.id])
}

deny contains msg if {
	some key in customer_keys
	key.state == "disabled"
	age_days(key.createdAt) > 365
	msg := sprintf("%s: disabled key kept for over a year", [key.id])
}

deny contains msg if {
	some key in customer_keys
	regex.match(`(?i)(test|tmp|temp)`, key.name)
	key.tags.env == "production"
	msg := sprintf("%s: temporary-looking key in production", [key.id])
}

deny contains msg if {
	some key in customer_keys
	count(key.grants) > 10
	msg := sprintf("%s: %d grants", [key.id, count(key.grants)])
}

deny contains msg if {
	some key in customer_keys
	some g in key.grants
	not startswith(g.granteePrincipal, sprintf("arn:aws:iam::%s:", [key.account]))
	msg := sprintf("%s: grant to external principal %s", [key.id, g.granteePrincipal])
}

deny contains msg if {
	some key in customer_keys
	key.region in {"ap-east-1", "me-south-1"}
	key.tags["data-class"] == "restricted"
	msg := sprintf("%s: restricted key outside allowed regions", [key.id])
}

deny contains msg if {
	some key in customer_keys
	lower(key.algorithm) in {"rsa_1024", "des", "3des"}
	msg := sprintf("%s: weak algorithm %s", [key.id, key.algorithm])
}

deny contains msg if {
	some key in customer_keys
	key.multiRegion.role == "replica"
	not key.multiRegion.primaryId
	msg := sprintf("%s: replica without a known primary", [key.id])
}

deny contains msg if {
	some key in customer_keys
	every v in key.versions {
		v.state != "ENABLED"
	}
	count(key.versions) > 0
	msg := sprintf("%s: every version disabled or destroyed", [key.id])
}
