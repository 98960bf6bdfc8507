# METADATA
# title: "PKCS#11 keys serve a single purpose"
# description: >-
#   No key object enables both encryption (CKA_ENCRYPT/CKA_DECRYPT) and signing (CKA_SIGN/CKA_VERIFY),
#   nor wrapping (CKA_WRAP/CKA_UNWRAP) together with encryption: SP 800-57 requires one purpose per
#   key, and wrap plus decrypt is the classic PKCS#11 key-extraction pattern (wrap a sensitive key,
#   then decrypt the wrapped blob). CKA_DERIVE next to other flags is allowed (KDF designs), and
#   documented exceptions use the `keywarden-exempt` tag. Usage flags the token did not return are
#   unknown when no violation is visible.
# related_resources:
#   - ref: https://docs.oasis-open.org/pkcs11/pkcs11-spec/v3.1/os/pkcs11-spec-v3.1-os.html
#   - ref: https://csrc.nist.gov/publications/detail/sp/800-57-part-1/rev-5/final
# custom:
#   id: p11-single-purpose-usage
#   severity: high
#   remediation: >-
#     Clear the extra usage flags (C_SetAttributeValue where CKA_MODIFIABLE allows) or replace the key by
#     one key per purpose, for example a wrap-only KEK and a separate encryption key.
#   providers: [pkcs11]
#   service: pkcs11
#   tags:
#     - "pkcs11:usage-flags"
#     - "nist-800-57:key-separation"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "3.6.1.2"]
#     iso-27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-13"]
#     soc2: ["CC6.1"]
package keywarden.checks.p11_single_purpose_usage

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "p11-single-purpose-usage"

in_scope(k) if {
	k.provider == "pkcs11"
	is_object(k.hsm)
	not keys.exempt(k, check_id)
}

groups := {
	"encryption": ["encrypt", "decrypt"],
	"signing": ["sign", "verify"],
	"wrapping": ["wrap", "unwrap"],
}

# Pairs of purposes that must not share a key.
conflicts := [["encryption", "signing"], ["wrapping", "encryption"]]

uses(k, group) if {
	some flag in groups[group]
	k.hsm[flag] == true
}

flags_on(k) := sort([f | some g, fs in groups; some f in fs; k.hsm[f] == true])

violations(k) := [sprintf("%s with %s", pair) | some pair in conflicts; uses(k, pair[0]); uses(k, pair[1])]

deny contains result.fail_with(
	sprintf("%s: mixes %s (flags %v)", [result.label(k), concat(" and ", violations(k)), flags_on(k)]),
	k, {"flags": flags_on(k), "conflicts": violations(k)},
) if {
	some k in input.keys
	in_scope(k)
	count(violations(k)) > 0
}

usage_fields := [concat(".", ["hsm", f]) | some _, fs in groups; some f in fs]

deny contains result.unknown(keys.unknown_reason(k, usage_fields), k) if {
	some k in input.keys
	in_scope(k)
	count(violations(k)) == 0
	keys.unknown_reason(k, usage_fields)
}

deny contains result.unknown("no usage flag (CKA_ENCRYPT ... CKA_UNWRAP) was returned by the token", k) if {
	some k in input.keys
	in_scope(k)
	not keys.unknown_reason(k, usage_fields)
	count([f | some _, fs in groups; some f in fs; is_boolean(k.hsm[f])]) == 0
}
