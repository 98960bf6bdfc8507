package keywarden.lib.thresholds_test

import rego.v1

import data.keywarden.lib.thresholds

aws_key := {"provider": "aws", "tags": {}}

test_cis_defaults_without_data if {
	thresholds.profile == "cis"
	thresholds.for_key("rotationMaxDays", aws_key) == 365
	thresholds.for_key("rotationMaxDays", {"provider": "gcp"}) == 90
	thresholds.value("requiredTags") == ["owner"]
}

test_profile_from_data if {
	thresholds.for_key("rotationMaxDays", aws_key) == 730 with data.keywarden.thresholds as {"rotationMaxDays": {"aws": 730}}
	thresholds.profile == "nist-800-57" with data.keywarden.profile as "nist-800-57"
}

test_profile_value_overrides_only_what_it_sets if {
	thresholds.value("rsaMinBits") == 2048 with data.keywarden.thresholds as {"unusedDays": 10}
}

test_extras_have_defaults if thresholds.value("trustedAccounts") == []

test_restricted_class_tightens if {
	k := {"provider": "aws", "tags": {"Data-Class": "Restricted"}}
	thresholds.for_key("rotationMaxDays", k) == 90
	thresholds.for_key("maxKeyUsers", k) == 3
	thresholds.applied("rotationMaxDays", k).tightenedBy == ["data-class"]
}

test_tags_never_loosen if {
	k := {"provider": "gcp", "tags": {"data-class": "confidential", "environment": "production"}}
	thresholds.for_key("rotationMaxDays", k) == 90
	thresholds.applied("rotationMaxDays", k).tightenedBy == []
}

test_production_tightens_a_lax_profile if {
	k := {"provider": "aws", "tags": {"env": "production"}}
	thresholds.for_key("rotationMaxDays", k) == 365 with data.keywarden.thresholds as {"rotationMaxDays": {"aws": 730}}
	thresholds.for_key("rotationMaxDays", {"provider": "aws", "tags": {"env": "development"}}) == 730 with data.keywarden.thresholds as {"rotationMaxDays": {"aws": 730}}
}

test_custom_class_caps if {
	k := {"provider": "aws", "tags": {"data-class": "secret"}}
	thresholds.for_key("rotationMaxDays", k) == 30 with data.keywarden.dataClasses as {"secret": {"rotationMaxDays": 30}}
}

test_profile_name_alone_selects_builtin_values if {
	thresholds.value("rsaMinBits") == 3072 with data.keywarden.profile as "pci-dss"
	thresholds.for_key("rotationMaxDays", aws_key) == 730 with data.keywarden.profile as "nist-800-57"
	thresholds.value("rsaMinBits") == 2048 with data.keywarden.profile as "my-own"
}
