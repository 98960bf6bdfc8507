package keywarden.checks.key_region_allowed_test

import rego.v1

import data.keywarden.checks.key_region_allowed as check

key := {"provider": "gcp", "id": "projects/p/locations/global/keyRings/shared/cryptoKeys/k", "region": "global", "state": "enabled"}

eu(k) = f if {
	f = check.deny with input as {"keys": [k]} with data.keywarden.thresholds as {"allowedRegions": ["europe-west1", "eu-west-1", "westeurope"]}
}

findings(k) = f if {
	f = check.deny with input as {"keys": [k], "now": "2026-11-01T00:00:00Z"}
}

test_any_region_by_default if count(findings(key)) == 0

test_deny_global_location_under_eu_residency if count(eu(key)) == 1

test_allow_allowed_region if count(eu(object.union(key, {"region": "Europe-West1"}))) == 0

test_deny_replica_outside if {
	k := {"provider": "aws", "id": "arn:aws:kms:eu-west-1:1:key/mrk-1", "region": "eu-west-1", "state": "enabled", "multiRegion": {"role": "primary", "replicaIds": ["arn:aws:kms:us-east-1:1:key/mrk-1"]}}
	some r in eu(k)
	r.evidence.region == "us-east-1"
}

test_trap_pkcs11_has_no_region if count(eu({"provider": "pkcs11", "id": "p", "state": "enabled"})) == 0
