// Control characters (U+0000–U+001F, U+007F) are refused in every decoded string and key with
// control_character (422), naming where; a line break is let through only in a submission's
// values (the form then allows it in long_text fields only: tests/shared/forms). The fast
// submission reader refuses the same, with the same words.
#include "shared/protocol/strict_json.hpp"

#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/submission_json_reader.hpp"
#include "shared/text/control_chars.hpp"
#include "tests/support/sample_submission.hpp"
#include "tests/support/strict_input.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {

std::string good_json() { return testing::signed_json_with_pdfs(5, {0x33}); }

using testing::replaced;

std::string escape(unsigned char c) {
    const char* hex = "0123456789abcdef";
    return std::string("\\u00") + hex[c >> 4] + hex[c & 0xf];
}

// Both submission readers and the codec refuse `text` with control_character, the message
// holding `named` (in both languages).
void refused_by_both(const std::string& text, const std::string& named) {
    testing::refused_alike(text, "control_character", named);
}

const std::string child = "\"child_name\":\"Nguyễn Thị Mai Anh\"";

} // namespace

TEST_CASE("a NUL in a form value is refused with a 422, naming the field") {
    CHECK(protocol::errors::control_character.http_status == 422);
    CHECK(protocol::errors::control_character.vi.find("ký tự điều khiển") != std::string_view::npos);
    refused_by_both(replaced(good_json(), child, "\"child_name\":\"Nguyễn\\u0000Thị\""), "\"child_name\"");
    auto e = protocol::submission_from_json(replaced(good_json(), child, "\"child_name\":\"A\\u0000\""));
    CHECK(e.err().vi.find("U+0000") != std::string::npos);
}

TEST_CASE("every control character but the line break is refused in a form value") {
    // U+0000 to U+001F and U+007F, nothing else.
    for (int c = 0; c < 0x80; ++c)
        CHECK(text::is_control_character(static_cast<unsigned char>(c)) == (c < 0x20 || c == 0x7f));
    CHECK(text::find_control_character("Nguyễn Văn Đức, 12/3 ngõ 5 — ổn") == std::string::npos);
    CHECK(text::find_control_character("a\nb\r", true) == 3);
    for (int c = 0; c < 0x20; ++c) {
        if (c == '\n') continue;
        refused_by_both(replaced(good_json(), child, "\"child_name\":\"A" + escape(c) + "B\""), "child_name");
    }
    // DEL is valid raw in JSON text, and as an escape.
    refused_by_both(replaced(good_json(), child, "\"child_name\":\"A\x7f" "B\""), "U+007F");
    refused_by_both(replaced(good_json(), child, "\"child_name\":\"A\\u007fB\""), "U+007F");
    // The short escapes are control characters too; \r is refused, not turned into \n.
    refused_by_both(replaced(good_json(), child, "\"child_name\":\"A\\r\\nB\""), "U+000D");
    refused_by_both(replaced(good_json(), child, "\"child_name\":\"A\\tB\""), "U+0009");
}

TEST_CASE("a line break passes the codec in a form value only") {
    const auto good = good_json();
    // In a value (the form decides by field kind): kept, whatever the reader.
    const auto text = replaced(good, child, "\"child_name\":\"Dòng một\\nDòng hai\"");
    auto general = protocol::submission_from_json_general(text);
    REQUIRE(general);
    CHECK(general->body.values.at("child_name") == "Dòng một\nDòng hai");
    auto fast = protocol::read_submission_json(text);
    REQUIRE(fast);
    REQUIRE(fast->ok());
    CHECK((*fast)->body == general->body);
    // Anywhere else: refused.
    refused_by_both(replaced(good, "\"procedure\":\"", "\"procedure\":\"\\n"), "\"procedure\"");
    refused_by_both(replaced(good, "\"agency\":\"", "\"agency\":\"\\n"), "\"agency\"");
    refused_by_both(replaced(good, "\"name\":\"", "\"name\":\"a\\n"), "\"name\"");
    refused_by_both(replaced(good, "{\"", "{\"note\":\"a\\nb\",\""), "\"note\"");
    // Deeper than the values themselves, or beside them.
    refused_by_both(replaced(good, "{\"", "{\"extra\":{\"values\":{\"a\":\"x\\ny\"}},\""), "\"a\"");
    refused_by_both(replaced(good, "{\"", "{\"extra\":[[\"x\\ny\"]],\""), "\"extra\"");
}

TEST_CASE("a control character in a key is refused, the key shown escaped") {
    const auto good = good_json();
    refused_by_both(replaced(good, "\"values\":{", "\"values\":{\"a\\u0001b\":\"x\","), "\"a\\u0001b\"");
    refused_by_both(replaced(good, "{\"", "{\"x\\ny\":1,\""), "\"x\\u000Ay\"");
    refused_by_both(replaced(good, "{\"", "{\"extra\":{\"\\u007f\":1},\""), "\\u007F");
}

TEST_CASE("what is named in a refusal stays short") {
    const std::string key(500, 'k');
    auto e = protocol::submission_from_json(replaced(good_json(), "{\"", "{\"" + key + "\":\"\\u0000\",\""));
    REQUIRE_FALSE(e);
    CHECK(e.err().code == "control_character");
    CHECK(e.err().vi.size() < 300);
    CHECK(e.err().vi.find("…") != std::string::npos);
}

TEST_CASE("the first fault in the text answers: a control character or a repeated key") {
    const auto good = good_json();
    auto control_first = replaced(good, "{\"", "{\"a\":\"\\u0000\",\"b\":1,\"b\":2,\"");
    CHECK(protocol::submission_from_json_general(control_first).err().code == "control_character");
    CHECK(protocol::submission_from_json(control_first).err().code == "control_character");
    auto repeated_first = replaced(good, "{\"", "{\"b\":1,\"b\":2,\"a\":\"\\u0000\",\"");
    CHECK(protocol::submission_from_json_general(repeated_first).err().code == "json_duplicate_key");
    CHECK(protocol::submission_from_json(repeated_first).err().code == "json_duplicate_key");
    // Broken JSON inside the same string wins: the string is never read whole.
    auto broken = replaced(good, child, "\"child_name\":\"A\\u0000\\x\"");
    CHECK(protocol::submission_from_json(broken).err().code == "json_malformed");
}

TEST_CASE("every other decoder of the protocol refuses control characters, line breaks included") {
    submission::receipt r;
    r.submission_id = testing::numbered_uuid(1);
    r.dossier_code = "000.00.10.H26-261124-0001";
    r.agency = "000.00.10.H26";
    r.procedure = "1.001193";
    r.due_date = "2026-11-25";
    const auto receipt = protocol::to_json(r);
    REQUIRE(protocol::receipt_from_json(receipt));
    CHECK(protocol::receipt_from_json(replaced(receipt, "\"due_date\":\"", "\"due_date\":\"\\n")).err().code ==
          "control_character");

    protocol::feed_entry e;
    e.submission_id = r.submission_id;
    e.cursor = 1;
    e.status = 2;
    e.document = "receipt";
    e.note_vi = "Đã tiếp nhận.";
    e.note_en = "Received.";
    const auto entry = protocol::to_json(e);
    REQUIRE(protocol::feed_entry_from_json(entry));
    CHECK(protocol::feed_entry_from_json(replaced(entry, "\"note_vi\":\"", "\"note_vi\":\"\\u0000")).err().code ==
          "control_character");
    CHECK(protocol::feed_page_from_json("{\"entries\":[" + replaced(entry, "\"note_en\":\"", "\"note_en\":\"\\n") +
                                        "],\"more\":false}")
              .err()
              .code == "control_character");

    CHECK(protocol::attachment_list_from_json("[{\"name\":\"a\\u0007\"}]").err().code == "control_character");
    CHECK(protocol::device_registration_from_json("{\"protocol\":1,\"x\":\"\\t\"}").err().code == "control_character");
    CHECK_FALSE(protocol::error_from_json("{\"error\":{\"code\":\"x\",\"vi\":\"a\\nb\",\"en\":\"b\"}}"));
    // And the refusal itself reads back: its words hold no control character.
    auto refusal = protocol::receipt_from_json("{\"a\\u0000\":1}").err();
    auto back = protocol::error_from_json(protocol::error_to_json(refusal));
    REQUIRE(back);
    CHECK(back->vi == refusal.vi);
}
