// What the strict-input tests share (shared/protocol/strict_json.hpp): a signed submission's
// JSON to damage, a one-place text edit, and the check that every submission reader refuses a
// text alike.
#pragma once

#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/submission_json_reader.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <string>

namespace motcua::testing {

// Birth registration n, with one PDF attachment per hash fill byte, signed, as JSON.
inline std::string signed_json_with_pdfs(unsigned n, std::initializer_list<std::uint8_t> hash_fills) {
    auto s = signed_birth_registration(n);
    for (auto fill : hash_fills) {
        submission::attachment_ref a;
        a.name = "giấy chứng sinh.pdf";
        a.media_type = "application/pdf";
        a.hash.fill(fill);
        a.size = 1000;
        s.body.attachments.push_back(a);
    }
    s = submission::sign(s.body, device_keys(1).sk);
    return protocol::to_json(s);
}

// `text` with its first `from` made `to` (which must be there).
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// The general decoder, the fast reader (sure of it, not handing it on) and the codec all refuse
// `text` with `code`, in the same words, which hold `named` in both languages.
inline void refused_alike(const std::string& text, const std::string& code, const std::string& named) {
    CAPTURE(text);
    auto general = protocol::submission_from_json_general(text);
    REQUIRE_FALSE(general);
    CHECK(general.err().code == code);
    CHECK(general.err().vi.find(named) != std::string::npos);
    CHECK(general.err().en.find(named) != std::string::npos);
    auto fast = protocol::read_submission_json(text);
    REQUIRE(fast);
    REQUIRE_FALSE(fast->ok());
    CHECK(fast->err().code == general.err().code);
    CHECK(fast->err().vi == general.err().vi);
    CHECK(fast->err().en == general.err().en);
    auto codec = protocol::submission_from_json(text);
    REQUIRE_FALSE(codec);
    CHECK(codec.err().code == code);
}

} // namespace motcua::testing
