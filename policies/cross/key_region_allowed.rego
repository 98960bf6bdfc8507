# METADATA
# title: "Keys live in allowed regions (data residency)"
# description: >-
#   Keys, and the regions of their multi-Region replicas, are located in the profile's allowedRegions
#   (an empty list allows every region). GCP locations such as "global", "europe" or "europe-west1" and
#   Azure locations are compared as written, case-insensitively. From "Checks no anchor has" (data
#   residency), after Google's SCC custom-module example kms_key_region_europe.
# related_resources:
#   - ref: https://cloud.google.com/security-command-center/docs/custom-modules-sha-code
# custom:
#   id: key-region-allowed
#   severity: medium
#   remediation: >-
#     Create the key in an allowed region and move the data, or extend allowedRegions after review.
#   providers: [aws, azure, gcp]
#   service: keys
#   section: "checks.md section 2, item 9 (data residency)"
#   tags:
#     - "scc-custom-module:kms_key_region_europe"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.2", "3.6.1.4", "3.7.3"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-12(6)"]
#     soc2: ["CC6.1"]
package keywarden.checks.key_region_allowed

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "key-region-allowed"

allowed := {lower(r) | some r in thresholds.value("allowedRegions")}

replica_regions(k) := {split(id, ":")[3] |
	some id in object.get(k, ["multiRegion", "replicaIds"], [])
	count(split(id, ":")) > 4
}

regions(k) := {lower(r) | some r in {object.get(k, "region", "")} | replica_regions(k); r != ""}

deny contains result.fail_with(
	sprintf("%s: located in %s, outside the allowed regions (%s)", [result.label(k), r, concat(", ", sort(allowed))]),
	k, {"region": r, "allowed": sort(allowed)},
) if {
	count(allowed) > 0
	some k in input.keys
	k.provider in {"aws", "azure", "gcp"}
	keys.customer_managed(k)
	not keys.pending_deletion(k)
	not keys.exempt(k, check_id)
	some r in regions(k)
	not r in allowed
}
