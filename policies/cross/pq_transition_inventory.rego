# METADATA
# title: "Post-quantum transition inventory"
# description: >-
#   Informational inventory of quantum-vulnerable asymmetric keys (RSA, elliptic-curve, EdDSA) that
#   protect confidentiality (encrypt, wrap, key agreement: "harvest now, decrypt later") or carry
#   restricted data. NIST IR 8547 (draft) proposes deprecating them after 2030 and disallowing them after
#   2035. Symmetric keys are out of scope; ML-DSA/ML-KEM keys are already post-quantum.
# related_resources:
#   - ref: https://csrc.nist.gov/pubs/ir/8547/ipd
# custom:
#   id: pq-transition-inventory
#   severity: info
#   remediation: >-
#     Plan the move to ML-KEM / ML-DSA key specs where the provider offers them (AWS KMS ML-DSA) and shorten the life of data protected by these keys.
#   providers: [aws, azure, gcp, pkcs11]
#   service: keys
#   tags:
#     - "prowler:acmpca_certificate_authority_pqc_key_algorithm"
#     - "nist-ir-8547"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.1", "3.6.1.2"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-13"]
#     soc2: ["CC6.1"]
package keywarden.checks.pq_transition_inventory

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "pq-transition-inventory"

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

vulnerable(k) if keys.key_type(k) in {"rsa", "ec", "okp", "dsa", "dh"}

confidentiality(k) if k.purpose in {"encrypt-decrypt", "wrap-unwrap", "key-agreement"}

long_lived(k) if lower(keys.data_class(k)) == "restricted"

long_lived(k) if confidentiality(k)

warn contains object.union(
	result.fail_with(
		sprintf("%s: quantum-vulnerable %s key (%s) protecting %s data", [result.label(k), upper(keys.key_type(k)), object.get(k, "purpose", "?"), object.get(k, ["tags", "data-class"], "unclassified")]),
		k, {"keyType": keys.key_type(k), "purpose": object.get(k, "purpose", null), "dataClass": object.get(k, ["tags", "data-class"], null)},
	),
	{"severity": "info"},
) if {
	some k in input.keys
	in_scope(k)
	vulnerable(k)
	long_lived(k)
}
