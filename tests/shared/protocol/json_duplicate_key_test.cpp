// A key given twice in one JSON object is refused by every decoder, at any depth, with
// json_duplicate_key (422); the fast submission reader refuses it too, with the same words.
#include "shared/protocol/strict_json.hpp"

#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/submission_json_reader.hpp"
#include "tests/support/sample_submission.hpp"
#include "tests/support/strict_input.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace motcua;

namespace {

std::string submission_json() { return testing::signed_json_with_pdfs(4, {0x11, 0x22}); }

using testing::replaced;

// Both submission readers, and the codec, refuse `text` with json_duplicate_key naming `key`.
void refused_by_both(const std::string& text, const std::string& key) {
    testing::refused_alike(text, "json_duplicate_key", "\"" + key + "\"");
}

} // namespace

TEST_CASE("a submission with a key twice is refused with a 422, whichever object holds it") {
    CHECK(protocol::errors::json_duplicate_key.http_status == 422);
    const auto good = submission_json();
    REQUIRE(protocol::submission_from_json_general(good));
    // A field the reader knows, before and after the first one.
    refused_by_both(replaced(good, "{\"", "{\"protocol\":1,\""), "protocol");
    refused_by_both(replaced(good, "\"signature\":", "\"agency\":\"000.00.10.H26\",\"signature\":"), "agency");
    // One of the form's values: which one would count?
    refused_by_both(replaced(good, "\"values\":{", "\"values\":{\"child_name\":\"Người Khác\","), "child_name");
    // Inside an attachment.
    refused_by_both(replaced(good, "\"size\":1000", "\"size\":1000,\"size\":1"), "size");
    // Fields nobody reads, at the top and deep inside one.
    refused_by_both(replaced(good, "{\"", "{\"extra\":1,\"extra\":2,\""), "extra");
    refused_by_both(replaced(good, "{\"", "{\"extra\":{\"a\":[0,{\"x\":1,\"y\":{},\"x\":2}]},\""), "x");
    // The same key spelled with an escape is the same key.
    refused_by_both(replaced(good, "{\"", "{\"\\u0070rotocol\":1,\""), "protocol");

    // The same key in different objects is no repetition: both attachments have "name",
    // "hash", …; a nested object may reuse a top-level key.
    const auto text = replaced(good, "{\"", "{\"extra\":{\"protocol\":2,\"values\":[{\"id\":1},{\"id\":2}]},\"");
    auto general = protocol::submission_from_json_general(text);
    REQUIRE(general);
    auto fast = protocol::read_submission_json(text);
    REQUIRE(fast);
    REQUIRE(fast->ok());
    CHECK((*fast)->body == general->body);
}

TEST_CASE("the first fault in the text answers: bad JSON before a repeated key, or after it") {
    const auto good = submission_json();
    // Broken JSON first: json_malformed (400), as before.
    auto broken_first = replaced(good, "{\"", "{\"extra\":tru,\"extra\":1,\"");
    CHECK(protocol::submission_from_json(broken_first).err().code == "json_malformed");
    // The repeated key first: refused as soon as it is read, whatever follows.
    auto repeated_first = replaced(good, "{\"", "{\"extra\":1,\"extra\":tru,\"");
    CHECK(protocol::submission_from_json_general(repeated_first).err().code == "json_duplicate_key");
    auto cut = std::string("{\"protocol\":1,\"protocol\"");
    CHECK(protocol::submission_from_json_general(cut).err().code == "json_duplicate_key");
    CHECK(protocol::submission_from_json(cut).err().code == "json_duplicate_key");
}

TEST_CASE("every other decoder of the protocol refuses a key twice, and reads what it read before") {
    const std::string twice = "{\"protocol\":1,\"protocol\":1}";
    CHECK(protocol::receipt_from_json(twice).err().code == "json_duplicate_key");
    CHECK(protocol::device_registration_from_json(twice).err().code == "json_duplicate_key");
    CHECK(protocol::device_registered_from_json(twice).err().code == "json_duplicate_key");
    CHECK(protocol::attachment_announce_from_json(twice).err().code == "json_duplicate_key");
    CHECK(protocol::attachment_state_from_json(twice).err().code == "json_duplicate_key");
    CHECK(protocol::feed_entry_from_json(twice).err().code == "json_duplicate_key");
    CHECK(protocol::feed_page_from_json("{\"entries\":[{\"cursor\":1,\"cursor\":2}],\"more\":false}").err().code ==
          "json_duplicate_key");
    CHECK(protocol::attachment_list_from_json("[{\"name\":\"a\",\"name\":\"b\"}]").err().code == "json_duplicate_key");
    CHECK_FALSE(protocol::error_from_json("{\"error\":{\"code\":\"x\",\"code\":\"y\",\"vi\":\"a\",\"en\":\"b\"}}"));
    CHECK(protocol::error_from_json("{\"error\":{\"code\":\"x\",\"vi\":\"a\",\"en\":\"b\"}}"));

    // Nothing repeated: the strict parse gives the tree nlohmann gives, and its faults.
    const std::string text = R"({"a":[1,-2,3.5,true,false,null,"x",{"b":{}}],"c":{"d":[[]]},"e":18446744073709551615})";
    auto strict = protocol::strict_json::parse(text);
    REQUIRE(strict);
    CHECK(*strict == nlohmann::json::parse(text));
    CHECK(protocol::strict_json::parse("[1,2").err().code == "json_malformed");
    CHECK(protocol::strict_json::parse("{} x").err().code == "json_malformed");
    CHECK(protocol::strict_json::parse("1e400").err().code == "json_malformed");
}
