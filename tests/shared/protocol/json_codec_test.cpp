#include "shared/protocol/json_codec.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {
submission::signed_submission sample() {
    crypto::init();
    crypto::key_seed seed{};
    seed.fill(5);
    auto kp = crypto::key_pair_from_seed(seed);
    submission::submission s;
    s.id = *parse_uuid("0f8fad5b-d9cb-469f-a165-70867728950e");
    s.device_key = kp.pk;
    s.procedure = "1.001193";
    s.agency = "000.00.10.H26";
    s.created_at = 1795506600;
    s.values = {{"child_name", "Nguyễn Văn Đức"}};
    submission::attachment_ref a;
    a.name = "Giấy chứng sinh";
    a.media_type = "image/jpeg";
    a.hash.fill(0xab);
    a.size = 123456;
    s.attachments.push_back(a);
    return submission::sign(s, kp.sk);
}
} // namespace

TEST_CASE("a submission survives JSON and still verifies") {
    auto s = sample();
    auto back = protocol::submission_from_json(protocol::to_json(s));
    REQUIRE(back);
    CHECK(back->body == s.body);
    CHECK(back->signature == s.signature);
    CHECK(submission::verify(*back));
}

TEST_CASE("bad JSON and wrong types come back as errors, never exceptions") {
    const char* inputs[] = {"", "{", "[]", "null", "{\"protocol\":1}", "{\"protocol\":\"1\"}",
                            "{\"protocol\":1,\"id\":5}", "\xff\xff", "{\"protocol\":1e400}"};
    for (const char* in : inputs) {
        CHECK_NOTHROW(protocol::submission_from_json(in));
        CHECK_FALSE(protocol::submission_from_json(in));
        CHECK_NOTHROW(protocol::receipt_from_json(in));
        CHECK_FALSE(protocol::receipt_from_json(in));
    }
    CHECK(protocol::submission_from_json("{").err().code == "json_malformed");
    CHECK(protocol::submission_from_json("{\"protocol\":2}").err().code == "protocol_unsupported");
}

TEST_CASE("every field of a submission is checked for type") {
    auto json = protocol::to_json(sample());
    const char* fields[] = {"id", "device_key", "procedure", "form_version", "agency",
                            "created_at", "values", "attachments", "signature"};
    for (const char* f : fields) {
        std::string key = std::string("\"") + f + "\":";
        auto at = json.find(key);
        REQUIRE(at != std::string::npos);
        std::string broken = json;
        broken.insert(at + key.size(), "{\"x\":true},\"ignored");
        // The injected object replaces the field's value with the wrong type (or breaks JSON).
        auto r = protocol::submission_from_json(broken);
        CHECK_FALSE(r);
    }
}

TEST_CASE("an error survives JSON with its code and both languages") {
    error e{"signature_invalid", "Chữ ký không hợp lệ.", "Bad signature."};
    auto back = protocol::error_from_json(protocol::error_to_json(e));
    REQUIRE(back);
    CHECK(back->code == e.code);
    CHECK(back->vi == e.vi);
    CHECK(back->en == e.en);
}
