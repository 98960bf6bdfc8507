package keywarden.lib.result_test

import rego.v1

import data.keywarden.lib.result

key := {
	"ref": {"provider": "aws", "account": "111122223333", "region": "eu-west-1", "type": "kms-key", "id": "arn:k1", "name": "alias/a"},
	"provider": "aws", "account": "111122223333", "id": "arn:k1", "name": "alias/a",
}

test_fail_carries_the_ref if {
	r := result.fail("bad", key)
	r.status == "fail"
	r.resource.type == "kms-key"
	r.msg == "bad"
}

test_unknown_names_the_reason if {
	r := result.unknown("policy not readable", key)
	r.status == "unknown"
	r.reason == "policy not readable"
	contains(r.msg, "alias/a")
}

test_ref_falls_back_to_fields if {
	r := result.fail("x", {"provider": "gcp", "id": "projects/p/k"})
	r.resource == {"provider": "gcp", "account": "", "id": "projects/p/k"}
}

test_label_without_name_is_the_id if result.label({"id": "k9"}) == "k9"

test_fail_with_keeps_evidence if result.fail_with("m", key, {"a": 1}).evidence == {"a": 1}

test_unknown_with_keeps_reason_and_evidence if {
	r := result.unknown_with("r", key, {"b": 2})
	r.reason == "r"
	r.evidence == {"b": 2}
}
