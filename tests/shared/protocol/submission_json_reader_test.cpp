// The fast submission reader must never disagree with the general decoder: whenever it answers
// (a value, or a refusal of a repeated key or a control character), the general decoder gives
// the same answer (and the codec's answer is unchanged).
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
    s.body.values["ghi_chu"] = "Dòng một\nDòng \"hai\" \\ gạch";
    return s;
}

bool same(const submission::signed_submission& a, const submission::signed_submission& b) {
    return a.body == b.body && a.signature == b.signature;
}

bool same(const error& a, const error& b) { return a.code == b.code && a.vi == b.vi && a.en == b.en; }

// The reader's answer, when it gives one, is the general decoder's.
void agrees(std::string_view text) {
    auto fast = protocol::read_submission_json(text);
    auto general = protocol::submission_from_json_general(text);
    if (fast) {
        REQUIRE(fast->ok() == general.ok());
        if (general.ok()) CHECK(same(**fast, *general));
        else CHECK(same(fast->err(), general.err()));
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
        REQUIRE(fast->ok());
        CHECK(same(**fast, s));
        agrees(text);
        // Pretty-printed, keys in another order, fields it does not know: still read.
        auto j = nlohmann::json::parse(text);
        j["extra"] = {{"nested", {1, 2.5, -3e2, true, false, nullptr, "x"}}};
        auto pretty = j.dump(2);
        auto read = protocol::read_submission_json(pretty);
        CHECK((read && read->ok()));
        agrees(pretty);
    }
}

TEST_CASE("escapes decode as the general decoder decodes them") {
    auto j = nlohmann::json::parse(protocol::to_json(with_attachments()));
    std::string text = j.dump();
    const std::string from = "\"ho_ten\":\"";
    auto at = text.find("\"values\"");
    REQUIRE(at != std::string::npos);
    text.insert(text.find('{', at) + 1, R"("k\u00e1\ud83d\ude00\/":"\u0041\u00E9\"\\\/\n",)");
    auto fast = protocol::read_submission_json(text);
    REQUIRE(fast);
    REQUIRE(fast->ok());
    CHECK((*fast)->body.values.at("ká😀/") == "Aé\"\\/\n");
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
        replace("{\"", "{\"protocol\":1.0,\"protocol\":1,\""),          // bad before a key twice
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

TEST_CASE("mutated submissions: the fast reader never answers otherwise than the general decoder") {
    const auto base = protocol::to_json(with_attachments());
    std::mt19937 rng(5);
    // 'b', 'r', 't', 'f' after a backslash and the DEL byte make control characters.
    const char specials[] = "{}[]\":,\\u0123456789.eE-+ \t\ntfnbr\x7f\xC3\xA1\xFF";
    int read_fast = 0, refused_fast = 0;
    for (int i = 0; i < 4000; ++i) {
        std::string t = base;
        const int edits = 1 + int(rng() % 3);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % t.size();
            switch (rng() % 4) {
            case 0: t[at] = specials[rng() % (sizeof specials - 1)]; break;
            case 1: t.insert(at, 1, specials[rng() % (sizeof specials - 1)]); break;
            case 2: t.erase(at, 1 + rng() % 3); break;
            default: { // a member again, right after itself: `,"k":v` twice
                const auto from = t.find(',', at);
                const auto to = from == std::string::npos ? from : t.find_first_of(",}", from + 1);
                if (to != std::string::npos) t.insert(to, t.substr(from, to - from));
            }
            }
        }
        if (auto fast = protocol::read_submission_json(t)) ++(fast->ok() ? read_fast : refused_fast);
        agrees(t);
    }
    CHECK(read_fast > 0);    // some mutations (inside text values) still read
    CHECK(refused_fast > 0); // and some are refused by the fast reader itself
}
