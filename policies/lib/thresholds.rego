# METADATA
# title: Threshold lookup
# description: |
#   Limits come from the selected profile, which the scan passes as data.keywarden.thresholds
#   (src/config/profiles.ts; `cis`, `nist-800-57`, `pci-dss` or the user's own) and name as
#   data.keywarden.profile. Without thresholds the named built-in profile applies (cis by default).
#   Per key, a data-classification tag and an environment tag can only tighten a limit:
#   data-class=restricted caps rotation at 90 days and key users at 3, data-class=confidential
#   caps rotation at 365 days, environment=production caps rotation at 365 days. Override the caps
#   with data.keywarden.dataClasses / data.keywarden.environments (same shape as the defaults).
package keywarden.lib.thresholds

import rego.v1

import data.keywarden.lib.keys

# The built-in profiles, as src/config/profiles.ts defines them (a test keeps the two equal), so a
# policy run with only data.keywarden.profile (stock OPA, opa test) still gets the right limits.
profiles := {"cis": cis, "nist-800-57": nist, "pci-dss": pci}

cis := {
	"rotationMaxDays": {"aws": 365, "azure": 730, "gcp": 90, "pkcs11": 730},
	"manualRotationMaxDays": 365,
	"verificationKeyMaxDays": 1095,
	"maxValidityDays": 730,
	"expiryWarningDays": 30,
	"rsaMinBits": 2048,
	"symmetricMinBits": 128,
	"hmacMinBits": 112,
	"allowedCurves": ["P-256", "P-384", "P-521"],
	"maxKeyUsers": 3,
	"unusedDays": 90,
	"softDeleteMinRetentionDays": 7,
	"requiredTags": ["owner"],
	"allowedRegions": [],
}

nist := {
	"rotationMaxDays": {"aws": 730, "azure": 730, "gcp": 730, "pkcs11": 730},
	"manualRotationMaxDays": 730,
	"verificationKeyMaxDays": 1825,
	"maxValidityDays": 1825,
	"expiryWarningDays": 60,
	"rsaMinBits": 2048,
	"symmetricMinBits": 128,
	"hmacMinBits": 112,
	"allowedCurves": ["P-256", "P-384", "P-521"],
	"maxKeyUsers": 5,
	"unusedDays": 180,
	"softDeleteMinRetentionDays": 7,
	"requiredTags": ["owner"],
	"allowedRegions": [],
}

pci := {
	"rotationMaxDays": {"aws": 365, "azure": 365, "gcp": 365, "pkcs11": 365},
	"manualRotationMaxDays": 365,
	"verificationKeyMaxDays": 1095,
	"maxValidityDays": 365,
	"expiryWarningDays": 30,
	"rsaMinBits": 3072,
	"symmetricMinBits": 256,
	"hmacMinBits": 128,
	"allowedCurves": ["P-256", "P-384", "P-521"],
	"maxKeyUsers": 3,
	"unusedDays": 90,
	"softDeleteMinRetentionDays": 30,
	"requiredTags": ["owner", "data-class"],
	"allowedRegions": [],
}

# Optional limits that no built-in profile sets (read with these defaults).
extras := {
	"trustedAccounts": [],
	"hsmRequiredDataClasses": [],
	"breakGlassPrincipals": [],
	"enclavePcrs": [],
	"allowedKeyTypes": ["symmetric", "aes", "rsa", "ec", "hmac", "okp", "ml-dsa", "ml-kem", "slh-dsa", "generic-secret"],
}

default profile := "cis"

profile := data.keywarden.profile if is_string(data.keywarden.profile)

default configured := {}

configured := data.keywarden.thresholds if is_object(data.keywarden.thresholds)

default class_caps := {
	"restricted": {"rotationMaxDays": 90, "maxKeyUsers": 3},
	"confidential": {"rotationMaxDays": 365},
}

class_caps := data.keywarden.dataClasses if is_object(data.keywarden.dataClasses)

default env_caps := {"production": {"rotationMaxDays": 365, "manualRotationMaxDays": 365}}

env_caps := data.keywarden.environments if is_object(data.keywarden.environments)

# The built-in profile the values start from: the named one, else cis (custom profiles arrive resolved).
default base_profile := "cis"

base_profile := profile if has_key(profiles, profile)

# A profile value by name: data.keywarden.thresholds first, then the built-in profile, then the extras.
value(name) := configured[name]

value(name) := profiles[base_profile][name] if not has_key(configured, name)

value(name) := extras[name] if {
	not has_key(configured, name)
	not has_key(cis, name)
}

has_key(obj, k) if _ = obj[k]

# The profile's limit for a key, before tags: rotationMaxDays is per provider.
base(name, key) := value(name)[key.provider] if name == "rotationMaxDays"

base(name, key) := value(name) if name != "rotationMaxDays"

# Caps from the key's data-class and environment tags (lower-cased values).
caps(name, key) := {c |
	cls := lower(keys.data_class(key))
	c := class_caps[cls][name]
}
| {c |
	env := lower(keys.environment(key))
	c := env_caps[env][name]
}

# The limit applied to this key: the profile value tightened by its tags (numbers only).
for_key(name, key) := min({base(name, key)} | caps(name, key)) if is_number(base(name, key))

for_key(name, key) := base(name, key) if not is_number(base(name, key))

# What to put in evidence: profile, limit and which tags tightened it.
applied(name, key) := {
	"profile": profile,
	"threshold": name,
	"value": for_key(name, key),
	"profileValue": base(name, key),
	"tightenedBy": [t | some t in ["data-class", "environment"]; tightened(t, name, key)],
}

tightened("data-class", name, key) if class_caps[lower(keys.data_class(key))][name] < base(name, key)

tightened("environment", name, key) if env_caps[lower(keys.environment(key))][name] < base(name, key)
