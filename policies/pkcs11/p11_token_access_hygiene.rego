# METADATA
# title: "PKCS#11 tokens require login and hide their keys"
# description: >-
#   Secret and private key objects have CKA_PRIVATE=TRUE (invisible without login) and are token
#   objects rather than session objects; the token sets CKF_LOGIN_REQUIRED and its PIN state is
#   healthy (no CKF_USER_PIN_LOCKED, CKF_SO_PIN_LOCKED, *_FINAL_TRY or *_COUNT_LOW flags). The
#   inventory is complete only when the scanner logged in (with a read-only user role, never the SO
#   PIN): a token read without login gives unknown, because its private objects were invisible.
#   Token flags that were not read give unknown.
# related_resources:
#   - ref: https://docs.oasis-open.org/pkcs11/pkcs11-spec/v3.1/os/pkcs11-spec-v3.1-os.html
# custom:
#   id: p11-token-access-hygiene
#   severity: medium
#   remediation: >-
#     Initialise tokens with CKF_LOGIN_REQUIRED, create keys with CKA_PRIVATE=TRUE and CKA_TOKEN=TRUE,
#     unlock or reset locked PINs through the Security Officer, and give the scanner a read-only user login.
#   providers: [pkcs11]
#   service: pkcs11
#   tags:
#     - "pkcs11:CKA_PRIVATE"
#     - "pkcs11:CKF_LOGIN_REQUIRED"
#     - "pkcs11:pin-flags"
#   frameworks:
#     pci-dss-4.0.1: ["3.6.1", "7.2.1", "7.2.2"]
#     iso-27001-2022: ["A.8.24", "A.5.15", "A.8.5"]
#     nist-800-53-r5: ["AC-3", "AC-6", "IA-2", "SC-12"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3"]
package keywarden.checks.p11_token_access_hygiene

import rego.v1

import data.keywarden.lib.keys
import data.keywarden.lib.result

check_id := "p11-token-access-hygiene"

secret_object(k) if {
	k.provider == "pkcs11"
	upper(object.get(k, ["hsm", "class"], "")) in {"CKO_SECRET_KEY", "CKO_PRIVATE_KEY"}
	not keys.exempt(k, check_id)
}

deny contains result.fail_with(sprintf("%s: CKA_PRIVATE=FALSE: the key is visible without login", [result.label(k)]), k, {"private": false}) if {
	some k in input.keys
	secret_object(k)
	k.hsm.private == false
}

deny contains result.fail_with(sprintf("%s: session object (CKA_TOKEN=FALSE) seen by the scanner", [result.label(k)]), k, {"token": false}) if {
	some k in input.keys
	secret_object(k)
	k.hsm.token == false
}

deny contains result.unknown(keys.unknown_reason(k, ["hsm.private"]), k) if {
	some k in input.keys
	secret_object(k)
	keys.unknown_field(k, "hsm.private")
}

# --- the token -------------------------------------------------------------------------------
token(c) if {
	c.provider == "pkcs11"
	c.kind == "pkcs11-token"
	not keys.exempt(c, check_id)
}

bad_flags := {
	"CKF_USER_PIN_LOCKED": "the user PIN is locked",
	"CKF_USER_PIN_FINAL_TRY": "one wrong user PIN locks the token",
	"CKF_USER_PIN_COUNT_LOW": "wrong user PINs were entered",
	"CKF_SO_PIN_LOCKED": "the SO PIN is locked",
	"CKF_SO_PIN_FINAL_TRY": "one wrong SO PIN locks the token",
	"CKF_SO_PIN_COUNT_LOW": "wrong SO PINs were entered",
}

flags(c) := {upper(f) | some f in c.token.flags}

deny contains result.fail_with(sprintf("%s: CKF_LOGIN_REQUIRED is not set: objects are usable without login", [result.label(c)]), c, {"flags": sort(flags(c))}) if {
	some c in object.get(input, "containers", [])
	token(c)
	is_array(c.token.flags)
	not "CKF_LOGIN_REQUIRED" in flags(c)
}

deny contains result.fail_with(sprintf("%s: %s (%s)", [result.label(c), why, flag]), c, {"flags": sort(flags(c))}) if {
	some c in object.get(input, "containers", [])
	token(c)
	some flag, why in bad_flags
	flag in flags(c)
}

deny contains result.unknown(flags_reason(c), c) if {
	some c in object.get(input, "containers", [])
	token(c)
	not is_array(object.get(c, ["token", "flags"], null))
}

flags_reason(c) := keys.unknown_reason(c, ["token", "token.flags"])

flags_reason(c) := "token flags (C_GetTokenInfo) were not collected" if not keys.unknown_reason(c, ["token", "token.flags"])

# Without login the private objects were invisible: the inventory of this token is incomplete.
deny contains result.unknown(login_reason(c), c) if {
	some c in object.get(input, "containers", [])
	token(c)
	not_logged_in(c)
}

not_logged_in(c) if c.raw.loggedIn == false

not_logged_in(c) if keys.unknown_field(c, "login")

login_reason(c) := keys.unknown_reason(c, ["login"])

login_reason(c) := "the scanner did not log in: private objects are invisible and were not inventoried" if not keys.unknown_reason(c, ["login"])
