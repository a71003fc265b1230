#include "shared/submission/submission.hpp"

#include "shared/submission/receipt.hpp"

#include <doctest/doctest.h>

using namespace motcua;
using namespace motcua::submission;

namespace {
crypto::key_pair device_keys() {
    crypto::init();
    crypto::key_seed seed{};
    seed.fill(3);
    return crypto::key_pair_from_seed(seed);
}

submission::submission birth_registration(const crypto::public_key& pk) {
    submission::submission s;
    s.id = *parse_uuid("0f8fad5b-d9cb-469f-a165-70867728950e");
    s.device_key = pk;
    s.procedure = "1.001193";
    s.form_version = 1;
    s.agency = "000.00.10.H26";
    s.created_at = 1795506600;
    s.values = {{"requester_name", "Nguyễn Văn Đức"},
                {"child_name", "Nguyễn Thị Mai Anh"},
                {"child_birth_date", "2026-11-20"},
                {"child_sex", "nu"},
                {"birth_place", "Bệnh viện Phụ sản Hà Nội"}};
    return s;
}
} // namespace

TEST_CASE("the canonical encoding is deterministic and independent of insertion order") {
    auto kp = device_keys();
    auto a = birth_registration(kp.pk);
    auto b = a;
    b.values.clear();
    for (auto it = a.values.rbegin(); it != a.values.rend(); ++it) b.values.insert(*it);
    CHECK(canonical_bytes(a) == canonical_bytes(b));
    CHECK(canonical_bytes(a) == canonical_bytes(a));
}

TEST_CASE("a short birth registration encodes well under 2 KB, small enough for a QR code") {
    auto bytes = canonical_bytes(birth_registration(device_keys().pk));
    CHECK(bytes.size() < 2048);
    CHECK(bytes.size() < 400);
}

TEST_CASE("the canonical bytes decode to the same submission, and nothing else decodes") {
    auto s = birth_registration(device_keys().pk);
    auto bytes = canonical_bytes(s);
    auto back = decode_canonical(bytes);
    REQUIRE(back);
    CHECK(*back == s);
    auto extra = bytes;
    extra.push_back(0);
    CHECK_FALSE(decode_canonical(extra));
    auto cut = bytes;
    cut.pop_back();
    CHECK_FALSE(decode_canonical(cut));
}

TEST_CASE("a signed submission verifies, and fails after any byte of its encoding changes") {
    auto kp = device_keys();
    auto signed_s = sign(birth_registration(kp.pk), kp.sk);
    CHECK(verify(signed_s));
    auto bytes = canonical_bytes(signed_s.body);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        auto changed = bytes;
        changed[i] ^= 0x01;
        CHECK_FALSE(crypto::verify(changed, signed_s.signature, kp.pk));
    }
    auto other = signed_s;
    other.body.values["child_name"] = "Nguyễn Thị Mai Anh ";
    CHECK_FALSE(verify(other));
}

TEST_CASE("well-formedness: NFC text, known shapes, limits") {
    auto s = birth_registration(device_keys().pk);
    CHECK(check_well_formed(s));
    auto decomposed = s;
    decomposed.values["child_name"] = "Nguye\xcc\x82\xcc\x83n"; // e + circumflex + tilde
    CHECK_FALSE(check_well_formed(decomposed));
    auto bad_key = s;
    bad_key.values["Child Name"] = "x";
    CHECK_FALSE(check_well_formed(bad_key));
    auto bad_agency = s;
    bad_agency.agency = "H26";
    CHECK_FALSE(check_well_formed(bad_agency));
    auto long_value = s;
    long_value.values["birth_place"] = std::string(max_value_size + 1, 'a');
    CHECK_FALSE(check_well_formed(long_value));
    auto bad_utf8 = s;
    bad_utf8.values["birth_place"] = "\xff\xfe";
    CHECK_FALSE(check_well_formed(bad_utf8));
}

TEST_CASE("well-formedness refuses control characters as the JSON codec does (a line break only in values)") {
    auto s = birth_registration(device_keys().pk);
    for (const std::string& v : std::vector<std::string>{"a\tb", "a\rb", std::string("a\0b", 3), "a\x7f", "a\x1b[31m"}) {
        auto bad = s;
        bad.values["birth_place"] = v;
        CHECK_FALSE(check_well_formed(bad));
    }
    auto lines = s;
    lines.values["birth_place"] = "Thôn 3\nxã Yên Bình";
    CHECK(check_well_formed(lines)); // which fields may hold one is the form's rule
    auto name = s;
    name.attachments.push_back({"a\nb.jpg", "image/jpeg", {}, 10});
    CHECK_FALSE(check_well_formed(name));
}

TEST_CASE("a receipt signed by the server verifies and binds the dossier code") {
    crypto::init();
    crypto::key_seed seed{};
    seed.fill(9);
    auto server = crypto::key_pair_from_seed(seed);
    receipt r;
    r.submission_id = *parse_uuid("0f8fad5b-d9cb-469f-a165-70867728950e");
    r.dossier_code = "000.00.10.H26-261124-0001";
    r.agency = "000.00.10.H26";
    r.procedure = "1.001193";
    r.received_at = 1795506600;
    r.due_date = "2026-11-25";
    r.server_key = server.pk;
    r = sign(r, server.sk);
    CHECK(verify(r));
    auto forged = r;
    forged.dossier_code = "000.00.10.H26-261124-0002";
    CHECK_FALSE(verify(forged));
    auto late = r;
    late.due_date = "2026-11-26";
    CHECK_FALSE(verify(late));
}
