// The fast submission reader must never disagree with the general decoder: whenever it returns a
// value, the general decoder returns the same one (and the codec's answer is unchanged).
#include "shared/protocol/submission_json_reader.hpp"

#include "shared/protocol/json_codec.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <random>

using namespace motcua;

namespace {

submission::signed_submission with_attachments() {
    auto s = motcua::testing::signed_birth_registration(7);
    submission::attachment_ref a;
    a.name = "giấy chứng sinh.pdf";
    a.media_type = "application/pdf";
    a.hash.fill(0x5a);
    a.size = 123456;
    s.body.attachments.push_back(a);
    s.body.values["ghi_chu"] = "Dòng một\nDòng \"hai\" \\ tab\t";
    return s;
}

bool same(const submission::signed_submission& a, const submission::signed_submission& b) {
    return a.body == b.body && a.signature == b.signature;
}

// The reader's value, when it gives one, is the general decoder's.
void agrees(std::string_view text) {
    auto fast = protocol::read_submission_json(text);
    auto general = protocol::submission_from_json_general(text);
    if (fast) {
        REQUIRE(general.ok());
        CHECK(same(*fast, *general));
    }
    auto codec = protocol::submission_from_json(text);
    CHECK(codec.ok() == general.ok());
    if (codec.ok() && general.ok()) CHECK(same(*codec, *general));
    if (!codec.ok() && !general.ok()) CHECK(codec.err().code == general.err().code);
}

} // namespace

TEST_CASE("the fast reader reads what the app sends, as the general decoder does") {
    for (const auto& s : {motcua::testing::signed_birth_registration(1), with_attachments()}) {
        const auto text = protocol::to_json(s);
        auto fast = protocol::read_submission_json(text);
        REQUIRE(fast);
        CHECK(same(*fast, s));
        agrees(text);
        // Pretty-printed, keys in another order, fields it does not know: still read.
        auto j = nlohmann::json::parse(text);
        j["extra"] = {{"nested", {1, 2.5, -3e2, true, false, nullptr, "x"}}};
        auto pretty = j.dump(2);
        CHECK(protocol::read_submission_json(pretty));
        agrees(pretty);
    }
}

TEST_CASE("escapes decode as the general decoder decodes them") {
    auto j = nlohmann::json::parse(protocol::to_json(with_attachments()));
    std::string text = j.dump();
    const std::string from = "\"ho_ten\":\"";
    auto at = text.find("\"values\"");
    REQUIRE(at != std::string::npos);
    text.insert(text.find('{', at) + 1, "\"k\\u00e1\\ud83d\\ude00\\/\":\"\\u0041\\b\\f\\r\",");
    auto fast = protocol::read_submission_json(text);
    REQUIRE(fast);
    CHECK(fast->body.values.count("ká😀/") == 1);
    agrees(text);
}

TEST_CASE("the fast reader gives up on what it is not sure of, and the codec still answers") {
    const auto good = protocol::to_json(motcua::testing::signed_birth_registration(3));
    auto replace = [&](std::string from, std::string to) {
        auto t = good;
        auto at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    const std::string unsure[] = {
        "\xEF\xBB\xBF" + good,                                       // byte-order mark
        replace("{\"", "{\"protocol\":1,\""),                        // a key twice
        replace("\"protocol\":1", "\"protocol\":1.0"),               // not a plain integer
        replace("\"protocol\":1", "\"protocol\":2"),                 // another version
        replace("\"agency\":\"", "\"agency\":\"\\ud800"),            // a lone surrogate
        replace("\"agency\":\"", "\"agency\":\"\xC3\x28"),           // ill-formed UTF-8
        replace("\"agency\":\"", "\"agency\":\"\x01"),               // a raw control character
        good + "x",                                                  // something after the object
        replace("\"created_at\":", "\"created_at\":-"),              // negative time
        replace("\"created_at\":", "\"created_at\":0"),              // a leading zero
        replace("\"form_version\":", "\"form_version\":99999999999"), // out of range
        replace("\"signature\":\"", "\"signature\":\"AA"),           // wrong length
        replace("\"values\":{", "\"values\":{\"a\":1,"),             // a value that is not text
        good.substr(0, good.size() - 1),                             // cut short
        "[" + good + "]",                                            // not an object
    };
    for (const auto& text : unsure) {
        CAPTURE(text);
        CHECK_FALSE(protocol::read_submission_json(text));
        agrees(text);
    }
}

TEST_CASE("mutated submissions: the fast reader never returns what the general decoder would not") {
    const auto base = protocol::to_json(with_attachments());
    std::mt19937 rng(5);
    const char specials[] = "{}[]\":,\\u0123456789.eE-+ \t\ntfn\xC3\xA1\xFF";
    int read_fast = 0;
    for (int i = 0; i < 4000; ++i) {
        std::string t = base;
        const int edits = 1 + int(rng() % 3);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % t.size();
            switch (rng() % 3) {
            case 0: t[at] = specials[rng() % (sizeof specials - 1)]; break;
            case 1: t.insert(at, 1, specials[rng() % (sizeof specials - 1)]); break;
            default: t.erase(at, 1 + rng() % 3); break;
            }
        }
        if (protocol::read_submission_json(t)) ++read_fast;
        agrees(t);
    }
    CHECK(read_fast > 0); // some mutations (inside text values) still read
}
