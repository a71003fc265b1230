// PUT /v1/submissions with what JSON allows but the protocol refuses (shared/protocol/
// strict_json.hpp): a key twice, a control character; and the line break a long_text field
// may hold, which is kept.
#include "shared/protocol/attachment_state.hpp"
#include "shared/protocol/json_codec.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/sample_submission.hpp"
#include "tests/support/strict_input.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {

std::string path_of(const submission::signed_submission& s) { return "/v1/submissions/" + to_string(s.body.id); }

// The answer is `status` with `code`, and its words hold `named` (in English `named_en`).
void check_refusal(const testing::http_answer& a, unsigned status, const std::string& code, const std::string& named,
                   std::string named_en = {}) {
    CHECK(a.status == status);
    auto e = protocol::error_from_json(a.body);
    REQUIRE(e);
    CHECK(e->code == code);
    CHECK(e->vi.find(named) != std::string::npos);
    CHECK(e->en.find(named_en.empty() ? named : named_en) != std::string::npos);
}

testing::http_answer put(const testing::loopback_server& server, const std::string& path, const std::string& body) {
    server.register_device(testing::device_keys(1));
    return server.signed_call(testing::device_keys(1), "PUT", path, body);
}

using testing::replaced;

} // namespace

TEST_CASE("a submission body with a key twice is refused with 422 json_duplicate_key, nothing stored") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    const auto good = protocol::to_json(s);
    // The signed name first, another after it: a reader keeping the last would see another child.
    auto twice = replaced(good, "\"child_name\":\"Nguyễn Thị Mai Anh\"",
                          "\"child_name\":\"Nguyễn Thị Mai Anh\",\"child_name\":\"Người Khác\"");
    check_refusal(put(server, path_of(s), twice), 422, "json_duplicate_key", "\"child_name\"");
    // At the top too, and deep in a field nobody reads.
    check_refusal(put(server, path_of(s), replaced(good, "{\"", "{\"protocol\":1,\"")), 422, "json_duplicate_key",
                  "\"protocol\"");
    check_refusal(put(server, path_of(s), replaced(good, "{\"", "{\"x\":[{\"k\":1,\"k\":2}],\"")), 422,
                  "json_duplicate_key", "\"k\"");
    CHECK(server.store().count_dossiers() == 0);
    CHECK(put(server, path_of(s), good).status == 201);
}

TEST_CASE("a NUL in a submitted value is refused with 422 control_character, naming the field") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    auto nul = replaced(protocol::to_json(s), "\"child_name\":\"Nguyễn", "\"child_name\":\"Nguyễn\\u0000");
    check_refusal(put(server, path_of(s), nul), 422, "control_character", "\"child_name\"");
    CHECK(server.store().count_dossiers() == 0);
}

TEST_CASE("a line break signed by the device: refused with 422 in a one-line field, kept in a long_text one") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    s.body.values["child_name"] = "Nguyễn Thị\nMai Anh";
    s = submission::sign(s.body, testing::device_keys(1).sk);
    check_refusal(put(server, path_of(s), protocol::to_json(s)), 422, "control_character", "Họ và tên trẻ",
                  "Child's full name");
    CHECK(server.store().count_dossiers() == 0);

    auto kp = testing::device_keys(1);
    submission::submission b;
    b.id = testing::numbered_uuid(9);
    b.device_key = kp.pk;
    b.procedure = "1.004884"; // re-registration of a birth: "request" is long_text
    b.form_version = 1;
    b.agency = "000.00.10.H26";
    b.created_at = 1795506600;
    b.values = {{"applicant_name", "Lê Văn Tám"},
                {"applicant_id", "001089012345"},
                {"address", "Số 1 Hàng Bài"},
                {"request", "Xin đăng ký lại khai sinh.\nLý do: bản chính bị mất.\n\nXin cảm ơn."}};
    s = submission::sign(b, kp.sk);
    auto a = put(server, path_of(s), protocol::to_json(s));
    REQUIRE(a.status == 201);
    auto r = protocol::receipt_from_json(a.body);
    REQUIRE(r);
    CHECK(r->submission_hash == crypto::hash(submission::canonical_bytes(s.body)));
    auto stored = server.store().find_submission(s.body.id);
    REQUIRE(stored);
    CHECK(stored->body.values.at("request") == "Xin đăng ký lại khai sinh.\nLý do: bản chính bị mất.\n\nXin cảm ơn.");
}

TEST_CASE("device registration and attachment announcements refuse a key twice or a control character with 422 too") {
    testing::loopback_server server;
    const auto kp = testing::device_keys(3);
    const std::string registration = protocol::device_registration_json(kp.pk);
    auto twice = server.signed_call(kp, "POST", "/v1/devices", replaced(registration, "{\"", "{\"protocol\":1,\""));
    check_refusal(twice, 422, "json_duplicate_key", "\"protocol\"");
    server.register_device(kp);
    protocol::attachment_state a;
    a.hash = crypto::hash(std::span<const std::uint8_t>());
    a.size = 10;
    a.media_type = "image/jpeg";
    const std::string announce = protocol::attachment_announce_json(a);
    auto ctl = server.signed_call(kp, "POST", "/v1/attachments", replaced(announce, "image/jpeg", "image/jp\\u0000eg"));
    CHECK(ctl.status == 422);
    auto e = protocol::error_from_json(ctl.body);
    REQUIRE(e);
    CHECK(e->code == "control_character");
}
