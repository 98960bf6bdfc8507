# METADATA
# title: "No key applies protection with a disallowed algorithm"
# description: >-
#   Under NIST SP 800-131A Rev. 2: DES and TDEA keys that can still encrypt, wrap or sign (applying
#   protection with TDEA is disallowed after 2023; decrypt-only legacy use is allowed), SHA-1 or MD5
#   signature generation, and PKCS#11 keys whose CKA_ALLOWED_MECHANISMS include DES/TDEA, MD5 or SHA-1
#   signing, RC4 or PKCS#1 v1.5 encryption mechanisms. RSA-OAEP with SHA-1 is a non-signature use of
#   SHA-1: reported as an informational warning only.
# related_resources:
#   - ref: https://doi.org/10.6028/NIST.SP.800-131Ar2
#   - ref: https://csrc.nist.gov/News/2023/nist-to-withdraw-sp-800-67-rev-2
# custom:
#   id: deprecated-algorithm-disallowed
#   severity: high
#   remediation: >-
#     Move the workload to AES-256 (or an approved signature algorithm), re-encrypt the data, and restrict the old key to decrypt/verify until it is retired.
#   providers: [aws, azure, gcp, pkcs11]
#   service: keys
#   tags:
#     - "nist-800-131a"
#     - "ibm-ep11:disallowed"
#   frameworks:
#     pci-dss-4.0.1: ["3.7.1", "3.6.1.2"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-13"]
#     soc2: ["CC6.1"]
package keywarden.checks.deprecated_algorithm_disallowed

import rego.v1

import data.keywarden.lib.access
import data.keywarden.lib.dates
import data.keywarden.lib.keys
import data.keywarden.lib.result
import data.keywarden.lib.thresholds

check_id := "deprecated-algorithm-disallowed"

in_scope(k) if {
	keys.customer_managed(k)
	keys.enabled(k)
	not keys.exempt(k, check_id)
}

tdea(k) if keys.key_type(k) in {"des", "des2", "des3", "tdea", "3des"}

tdea(k) if regex.match(`(^|[^A-Z])(T?DES[23]?|TDEA|3DES)([^A-Z]|$)`, upper(object.get(k, "spec", "")))

# Can the key still apply protection (encrypt, wrap, sign, MAC)?
applies_protection(k) if {
	some flag in ["encrypt", "wrap", "sign"]
	k.hsm[flag] == true
}

applies_protection(k) if {
	not is_object(k.hsm)
	not decrypt_only(k)
}

decrypt_only(k) if {
	count(object.get(k, "usage", [])) > 0
	every u in k.usage {
		lower(u) in {"decrypt", "unwrapkey", "verify"}
	}
}

deny contains result.fail_with(
	sprintf("%s: %s key can still encrypt, wrap or sign; TDEA protection is disallowed after 2023", [result.label(k), object.get(k, "spec", keys.key_type(k))]),
	k, {"keyType": keys.key_type(k), "spec": object.get(k, "spec", null)},
) if {
	some k in input.keys
	in_scope(k)
	tdea(k)
	applies_protection(k)
}

algorithm_names(k) := upper(concat(" ", array.concat([object.get(k, "spec", ""), object.get(k, "algorithm", "")], [v.algorithm | some v in object.get(k, "versions", []); is_string(v.algorithm)])))

deny contains result.fail_with(
	sprintf("%s: signature generation with %s", [result.label(k), algorithm_names(k)]),
	k, {"algorithm": algorithm_names(k)},
) if {
	some k in input.keys
	in_scope(k)
	k.purpose == "sign-verify"
	regex.match(`SHA-?1([^0-9]|$)|MD5`, algorithm_names(k))
}

disallowed_mechanism(m) if regex.match(`^CKM_(DES|DES2|DES3|CDMF|RC2|RC4|MD2|MD5|SHA1_RSA|DSA_SHA1|ECDSA_SHA1|RSA_PKCS$)`, upper(m))

deny contains result.fail_with(
	sprintf("%s: allowed mechanisms include %s", [result.label(k), concat(", ", bad)]),
	k, {"mechanisms": bad},
) if {
	some k in input.keys
	in_scope(k)
	bad := sort([m | some m in object.get(k, ["raw", "allowedMechanisms"], []); disallowed_mechanism(m)])
	count(bad) > 0
}

warn contains object.union(
	result.fail_with(sprintf("%s: RSA-OAEP with SHA-1 (acceptable non-signature use of SHA-1; plan a move to SHA-256)", [result.label(k)]), k, {"algorithm": algorithm_names(k)}),
	{"severity": "info"},
) if {
	some k in input.keys
	in_scope(k)
	regex.match(`OAEP[A-Z0-9_]*SHA1`, algorithm_names(k))
}
