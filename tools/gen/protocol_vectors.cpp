// Writes docs/protocol-vectors.json: fixed keys, inputs and the exact bytes, hashes, MAC keys,
// MACs and signatures the real shared/ code makes for each structure of docs/protocol.md, so
// another implementation can check itself byte for byte. Deterministic: Ed25519 signatures are,
// and every key, nonce, id and time here is fixed. Regenerate after a protocol change with
//   build/native/tools/gen/protocol_vectors > docs/protocol-vectors.json
// (tests/tools/protocol_vectors_test.sh fails while the committed file differs from this output).
#include "shared/calendar/builtin_days_off.hpp"
#include "shared/calendar/holidays.hpp"
#include "shared/catalog/catalog.hpp"
#include "shared/core/date.hpp"
#include "shared/core/uuid.hpp"
#include "shared/crypto/key_agreement.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/encoding/base64.hpp"
#include "shared/encoding/canonical.hpp"
#include "shared/forms/form.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/request_signature.hpp"
#include "shared/protocol/version.hpp"
#include "shared/submission/receipt.hpp"
#include "shared/submission/submission.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

using namespace motcua;
using json = nlohmann::ordered_json; // members in the order written: the file reads top-down

namespace {

using bytes = std::vector<std::uint8_t>;

std::span<const std::uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
std::string hex(std::span<const std::uint8_t> b) { return encoding::to_hex(b); }
std::string b64(std::span<const std::uint8_t> b) { return encoding::to_base64(b); }

template <std::size_t N> std::array<std::uint8_t, N> from_hex(std::string_view text) {
    std::array<std::uint8_t, N> out{};
    if (!encoding::from_hex(text, out)) {
        std::fprintf(stderr, "protocol_vectors: bad hex constant %.*s\n", int(text.size()), text.data());
        std::exit(1);
    }
    return out;
}

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "protocol_vectors: %s\n", what.c_str());
    std::exit(1);
}

// The seeds of RFC 8032's tests 1 and 2 (section 7.1), so the public keys can be checked
// against the RFC as well as against this file.
constexpr std::string_view device_seed_hex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view server_seed_hex = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

// libsodium's Ed25519 -> X25519 conversions, written out here for the file (the shared code
// does them inside shared_mac_key and never hands them out).
json key_entry(const crypto::key_seed& seed, const crypto::key_pair& kp) {
    std::array<std::uint8_t, 32> x_secret{}, x_public{};
    if (crypto_sign_ed25519_sk_to_curve25519(x_secret.data(), kp.sk.data()) != 0 ||
        crypto_sign_ed25519_pk_to_curve25519(x_public.data(), kp.pk.data()) != 0)
        fail("key conversion failed");
    return {{"seed", hex(seed)},
            {"public_key", hex(kp.pk)},
            {"public_key_base64", b64(kp.pk)},
            {"sha512_of_seed", [&] {
                 std::array<std::uint8_t, 64> h{};
                 crypto_hash_sha512(h.data(), seed.data(), seed.size());
                 return hex(h);
             }()},
            {"x25519_secret", hex(x_secret)},
            {"x25519_public", hex(x_public)}};
}

json uint_example(std::uint64_t v) {
    encoding::canonical_writer w;
    w.uint(v);
    return {{"value", std::to_string(v)}, {"hex", hex(w.data())}};
}

json text_example(std::string_view s) {
    encoding::canonical_writer w;
    w.text(s);
    return {{"text", s}, {"hex", hex(w.data())}};
}

submission::attachment_ref attachment_of(std::string name, std::string media_type, std::string_view content) {
    submission::attachment_ref a;
    a.name = std::move(name);
    a.media_type = std::move(media_type);
    a.hash = crypto::hash(as_bytes(content));
    a.size = content.size();
    return a;
}

// The field ids of a submission's form whose kind is long_text (a group's sub-field as
// "group.N.sub"): the only fields a line break may be in (docs/protocol.md 6.8 rule 3). The file
// holds no forms, so each submission vector carries this list for readers of the rule.
json long_text_fields(const submission::submission& s) {
    const auto* p = catalog::builtin().find(s.procedure);
    const auto* form = p ? p->form_version(s.form_version) : nullptr;
    if (!form) fail("procedure or form version not in the catalog: " + s.procedure);
    json ids = json::array();
    for (const auto& f : form->fields) {
        if (f.kind == forms::field_kind::long_text) ids.push_back(f.id);
        if (f.kind == forms::field_kind::group)
            for (const auto& sub : f.fields)
                if (sub.kind == forms::field_kind::long_text) ids.push_back(f.id + ".N." + sub.id);
    }
    return ids;
}

// Each example must be one the server takes: well formed, and valid for its form on `today`.
void check_acceptable(const submission::signed_submission& s, civil_date today) {
    if (auto wf = submission::check_well_formed(s.body); !wf) fail("not well formed: " + wf.err().en);
    if (!submission::verify(s)) fail("signature does not verify");
    const auto* p = catalog::builtin().find(s.body.procedure);
    const auto* form = p ? p->form_version(s.body.form_version) : nullptr;
    if (!form) fail("procedure or form version not in the catalog: " + s.body.procedure);
    auto problems = forms::validate(*form, s.body.values, today);
    if (forms::has_errors(problems)) fail("form invalid: " + problems.front().field + ": " + problems.front().message.en);
}

json submission_entry(std::string name, std::string about, const submission::signed_submission& s,
                      const std::vector<std::pair<std::string, std::string>>& contents, civil_date today) {
    check_acceptable(s, today);
    const auto canonical = submission::canonical_bytes(s.body);
    const auto text = protocol::to_json(s);
    auto back = protocol::submission_from_json_general(text);
    if (!back || submission::canonical_bytes(back->body) != canonical) fail("JSON round trip changed " + name);
    json attachments = json::array();
    for (const auto& [file, content] : contents)
        attachments.push_back({{"name", file}, {"content_text", content},
                               {"hash", hex(crypto::hash(as_bytes(content)))},
                               {"size", content.size()}});
    json e = {{"name", std::move(name)},
              {"about", std::move(about)},
              {"json", text},
              {"canonical_hex", hex(canonical)},
              {"canonical_size", canonical.size()},
              {"hash", hex(crypto::hash(canonical))},
              {"hash_base64", b64(crypto::hash(canonical))},
              {"signature", hex(s.signature)},
              {"signature_base64", b64(s.signature)},
              {"signed_by", "device"},
              {"long_text_fields", long_text_fields(s.body)}};
    if (!contents.empty()) e["attachment_contents"] = std::move(attachments);
    return e;
}

// A submission the server refuses, with the error it answers (code and HTTP status, from the
// server's table), and the long_text fields of the form it was made from.
json refused_submission(std::string about, std::string text, const protocol::error_kind& kind,
                        const submission::submission& from) {
    return {{"about", std::move(about)},
            {"json", std::move(text)},
            {"code", kind.code},
            {"http_status", kind.http_status},
            {"long_text_fields", long_text_fields(from)}};
}

std::string replace_once(std::string s, std::string_view from, std::string_view to) {
    auto at = s.find(from);
    if (at == std::string::npos) fail("replace_once: not found: " + std::string(from));
    return s.replace(at, from.size(), to);
}

struct request_example {
    std::string name, about, method, target, content_type;
    std::string body;
    std::int64_t time;
    protocol::nonce nonce;
    bool mac;
};

json request_entry(const request_example& r, const crypto::key_pair& device, const crypto::mac_key& key) {
    const auto tag = r.mac ? "MCQ2" : "MCQ1";
    const auto signing = protocol::request_signing_bytes(r.method, r.target, r.time, r.nonce, as_bytes(r.body), tag);
    const auto auth = r.mac ? protocol::mac_request(r.method, r.target, r.body, r.time, r.nonce, device.pk, key)
                            : protocol::sign_request(r.method, r.target, r.body, r.time, r.nonce, device);
    const auto h = protocol::to_headers(auth);
    json headers = json::object();
    if (!r.content_type.empty()) headers["Content-Type"] = r.content_type;
    headers[std::string(protocol::device_header)] = h.device;
    headers[std::string(protocol::time_header)] = h.time;
    headers[std::string(protocol::nonce_header)] = h.nonce;
    if (r.mac) headers[std::string(protocol::mac_header)] = h.mac;
    else headers[std::string(protocol::signature_header)] = h.signature;
    json e = {{"name", r.name},
              {"about", r.about},
              {"form", tag},
              {"method", r.method},
              {"target", r.target},
              {"content_type", r.content_type.empty() ? json(nullptr) : json(r.content_type)},
              {"body_hex", hex(as_bytes(r.body))},
              {"time", r.time},
              {"nonce", hex(r.nonce)},
              {"body_hash", hex(crypto::hash(as_bytes(r.body)))},
              {"signing_bytes_hex", hex(signing)}};
    if (r.mac) {
        e["mac_key"] = hex(key);
        e["mac"] = hex(*auth.mac);
    } else {
        e["signature"] = hex(auth.signature);
    }
    e["headers"] = std::move(headers);
    // Both ends must agree: check with the server side's own functions.
    auto back = protocol::auth_from_headers(h.device, h.time, h.nonce, h.signature, h.mac);
    if (!back) fail("headers do not parse: " + r.name);
    const bool ok = r.mac ? protocol::verify_request_mac(*back, r.method, r.target, r.body, key)
                          : protocol::verify_request(*back, r.method, r.target, r.body);
    if (!ok) fail("request does not verify: " + r.name);
    return e;
}

protocol::nonce nonce_of(std::uint8_t first) {
    protocol::nonce n{};
    for (std::size_t i = 0; i < n.size(); ++i) n[i] = std::uint8_t(first + 17 * i);
    return n;
}

} // namespace

int main() {
    crypto::init();
    const auto device_seed = from_hex<32>(device_seed_hex);
    const auto server_seed = from_hex<32>(server_seed_hex);
    const auto device = crypto::key_pair_from_seed(device_seed);
    const auto server = crypto::key_pair_from_seed(server_seed);

    json out;
    out["about"] = "Test vectors for docs/protocol.md (MộtCửa sync protocol, version 1), written by "
                   "tools/gen/protocol_vectors.cpp from the shared/ code. Byte strings are lowercase hex "
                   "unless a field name ends in _base64; the *_test files in tests/shared/protocol and "
                   "tests/protocol check them. Do not edit by hand: regenerate.";
    out["protocol"] = protocol::version;

    // ---- keys and the MAC key ----
    out["keys"] = {{"device", key_entry(device_seed, device)}, {"server", key_entry(server_seed, server)}};
    {
        std::array<std::uint8_t, 32> dx{}, sx{}, shared{}, shared_back{};
        if (crypto_sign_ed25519_sk_to_curve25519(dx.data(), device.sk.data()) != 0 ||
            crypto_sign_ed25519_pk_to_curve25519(sx.data(), server.pk.data()) != 0 ||
            crypto_scalarmult_curve25519(shared.data(), dx.data(), sx.data()) != 0)
            fail("X25519 failed");
        if (crypto_sign_ed25519_sk_to_curve25519(sx.data(), server.sk.data()) != 0 ||
            crypto_sign_ed25519_pk_to_curve25519(dx.data(), device.pk.data()) != 0 ||
            crypto_scalarmult_curve25519(shared_back.data(), sx.data(), dx.data()) != 0 || shared != shared_back)
            fail("the two sides' X25519 differ");
        bytes input{'M', 'C', 'K', '1'};
        input.insert(input.end(), shared.begin(), shared.end());
        input.insert(input.end(), device.pk.begin(), device.pk.end());
        input.insert(input.end(), server.pk.begin(), server.pk.end());
        auto key = crypto::shared_mac_key(device, server.pk, device.pk, server.pk);
        auto key_back = crypto::shared_mac_key(server, device.pk, device.pk, server.pk);
        if (!key || !key_back || *key != *key_back) fail("the two sides' MAC keys differ");
        out["mac_key"] = {{"about", "device secret x server public = server secret x device public; the key is the "
                                    "unkeyed BLAKE2b with a 32-byte output of the 100 input bytes"},
                          {"x25519_shared", hex(shared)},
                          {"hash_input_hex", hex(input)},
                          {"mac_key", hex(*key)}};
    }
    const auto mac_key = *crypto::shared_mac_key(device, server.pk, device.pk, server.pk);
    // Peer keys no MAC key can be made with (a device announcing one of these can only sign).
    {
        json refused = json::array();
        for (auto [h, why] :
             {std::pair{"0100000000000000000000000000000000000000000000000000000000000000", "the identity point (small order)"},
              std::pair{"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "the point (0, -1), of order 2"},
              std::pair{"0200000000000000000000000000000000000000000000000000000000000000", "y = 2 is not on the curve"},
              std::pair{"16a567fe7d4ef5482ab4012c369bf8c5f11e8d0c2559dcda50fde59708f8aee5",
                        "the device key plus the point of order 2: not in the prime-order subgroup"}}) {
            const auto peer = from_hex<32>(h);
            if (crypto::shared_mac_key(server, peer, peer, server.pk)) fail(std::string("MAC key made with ") + h);
            refused.push_back({{"public_key", h}, {"why", why}});
        }
        out["mac_key"]["peer_keys_refused"] = std::move(refused);
    }

    // ---- the encoding's pieces ----
    {
        json uints = json::array();
        for (std::uint64_t v : {std::uint64_t(0), std::uint64_t(1), std::uint64_t(127), std::uint64_t(128),
                                std::uint64_t(255), std::uint64_t(300), std::uint64_t(16383), std::uint64_t(16384),
                                std::uint64_t(1795506600), std::uint64_t(0xffffffff),
                                std::uint64_t(0xffffffffffffffff)})
            uints.push_back(uint_example(v));
        json texts = json::array();
        for (std::string_view s : {std::string_view(""), std::string_view("PUT"), std::string_view("1.001193"),
                                   std::string_view("Đức"), std::string_view("Bán lẻ tạp hoá\nCà phê")})
            texts.push_back(text_example(s));
        // What a strict reader refuses (canonical_reader), each with why.
        json refused = json::array();
        for (auto [h, why] : {std::pair{"8000", "0 in two bytes: a trailing zero group is not minimal"},
                              std::pair{"ff00", "127 in two bytes: not minimal"},
                              std::pair{"80", "truncated: the continuation bit is set on the last byte"},
                              std::pair{"ffffffffffffffffffff01", "eleven bytes: more than 64 bits"},
                              std::pair{"", "empty"}}) {
            bytes b(std::strlen(h) / 2);
            if (!encoding::from_hex(h, b)) fail("bad refused hex");
            encoding::canonical_reader r(b);
            r.uint();
            if (r.ok() && r.at_end()) fail(std::string("the reader takes ") + h);
            refused.push_back({{"hex", h}, {"why", why}});
        }
        out["encoding"] = {{"uint", std::move(uints)}, {"text", std::move(texts)}, {"uint_refused", std::move(refused)}};
    }

    // ---- base64, hex and hashes ----
    {
        json ok = json::array();
        for (std::string_view h : {"", "00", "0001", "000102", "fbff", "fbffbf"}) {
            bytes b(h.size() / 2);
            encoding::from_hex(h, b);
            ok.push_back({{"hex", h}, {"base64", b64(b)}});
        }
        json refused = json::array();
        for (auto [text, why] :
             {std::pair{"AA", "padding missing"}, std::pair{"AA=", "padding short"}, std::pair{"AA===", "padding too long"},
              std::pair{"AB==", "nonzero bits after the last byte"}, std::pair{"AAE=A", "data after the padding"},
              std::pair{"AA==AA==", "padding in the middle"}, std::pair{"+/-_", "URL-safe alphabet"},
              std::pair{" AA==", "whitespace"}, std::pair{"AA==\n", "a newline"}, std::pair{"====", "padding only"},
              std::pair{"A", "one character"}}) {
            if (encoding::from_base64(text)) fail(std::string("from_base64 takes ") + text);
            refused.push_back({{"base64", text}, {"why", why}});
        }
        json hashes = json::array();
        for (std::string_view s : {std::string_view(""), std::string_view("abc"), std::string_view("MCS1")})
            hashes.push_back({{"input_text", s}, {"blake2b_256", hex(crypto::hash(as_bytes(s)))}});
        crypto::mac_key k{};
        for (std::size_t i = 0; i < k.size(); ++i) k[i] = std::uint8_t(i);
        json keyed = json::array();
        for (std::string_view s : {std::string_view(""), std::string_view("abc")})
            keyed.push_back({{"key", hex(k)}, {"input_text", s}, {"blake2b_256_keyed", hex(crypto::keyed_hash(as_bytes(s), k))}});
        out["base64"] = {{"ok", std::move(ok)}, {"refused", std::move(refused)}};
        out["hashes"] = {{"unkeyed", std::move(hashes)}, {"keyed", std::move(keyed)}};
    }

    // ---- submissions ----
    const std::int64_t created_at = 1795506600; // 2026-11-24 14:50 in Hà Nội (07:50 UTC)
    const civil_date today = vietnam_date_of(created_at);
    submission::signed_submission birth;
    {
        submission::submission s;
        std::array<std::uint8_t, 16> random{};
        for (std::size_t i = 0; i < random.size(); ++i) random[i] = std::uint8_t(0xa0 + i);
        s.id = uuid_v7(created_at * 1000 + 123, random);
        s.device_key = device.pk;
        s.procedure = "1.001193";
        s.form_version = 1;
        s.agency = "000.00.10.H26";
        s.created_at = created_at;
        s.values = {{"requester_name", "Nguyễn Văn Đức"},
                    {"child_name", "Nguyễn Thị Mai Anh"},
                    {"child_birth_date", "2026-11-20"},
                    {"child_sex", "nu"},
                    {"birth_place", "Bệnh viện Phụ sản Hà Nội"}};
        birth = submission::sign(std::move(s), device.sk);
    }
    submission::signed_submission household;
    std::vector<std::pair<std::string, std::string>> contents = {
        {"Giấy chứng nhận quyền sử dụng đất", "(ví dụ) ảnh giấy chứng nhận quyền sử dụng đất"},
        {"Hợp đồng thuê nhà", "%PDF-1.4 (ví dụ) hợp đồng thuê địa điểm kinh doanh, 12 tháng"}};
    {
        submission::submission s;
        std::array<std::uint8_t, 16> random{};
        for (std::size_t i = 0; i < random.size(); ++i) random[i] = std::uint8_t(0x30 + 7 * i);
        s.id = uuid_v7((created_at + 60) * 1000 + 456, random);
        s.device_key = device.pk;
        s.procedure = "1.001612";
        s.form_version = 1;
        s.agency = "000.00.10.H26";
        s.created_at = created_at + 60;
        s.values = {{"applicant_name", "Trần Thị Hoa"},
                    {"applicant_id", "001185012345"},
                    {"address", "Số 12 phố Hàng Bông, phường Hoàn Kiếm"},
                    {"business_name", "Hộ kinh doanh Hoa Sen"},
                    {"business_address", "Số 12 phố Hàng Bông, phường Hoàn Kiếm"},
                    {"business_unit", "00070"},
                    {"capital_vnd", "50000000"},
                    {"activities", "Bán lẻ tạp hoá\nCà phê, giải khát"},
                    {"members.0.name", "Trần Thị Hoa"},
                    {"members.0.id", "001185012345"},
                    {"members.0.share_vnd", "30000000"},
                    {"members.1.name", "Lê Văn Nam"},
                    {"members.1.id", "001083054321"},
                    {"members.1.share_vnd", "20000000"}};
        s.attachments.push_back(attachment_of(contents[0].first, "image/jpeg", contents[0].second));
        s.attachments.push_back(attachment_of(contents[1].first, "application/pdf", contents[1].second));
        // Listed by hash, ascending (the only order a well-formed submission has).
        std::sort(s.attachments.begin(), s.attachments.end(),
                  [](const auto& a, const auto& b) { return a.hash < b.hash; });
        household = submission::sign(std::move(s), device.sk);
    }
    out["submissions"] = json::array(
        {submission_entry("birth_registration",
                          "A short birth registration (procedure 1.001193, form 1), no attachments.", birth, {}, today),
         submission_entry("business_household",
                          "A business household registration (1.001612, form 1): a repeating group (members.N.*), "
                          "a multi-line text (a \\n in the long_text field activities, accepted), two attachments listed by hash.",
                          household, contents, today)});

    // What the server refuses, from small changes to the first example's JSON.
    {
        namespace E = protocol::errors;
        const std::string good = protocol::to_json(birth);
        const std::string id = to_string(birth.body.id);
        std::string upper_id = id;
        for (char& c : upper_id) c = char(std::toupper(static_cast<unsigned char>(c)));
        const std::string sig = b64(birth.signature);
        std::string other_sig = sig;
        other_sig[0] = other_sig[0] == 'A' ? 'B' : 'A';
        const auto& b = birth.body;
        json refused = json::array(
            {refused_submission("the id in uppercase", replace_once(good, id, upper_id), E::submission_malformed, b),
             refused_submission("a value not in NFC (ễ as e + U+0302 + U+0303)",
                                replace_once(good, "Nguyễn Văn Đức", "Nguye\u0302\u0303n Văn Đức"),
                                E::submission_malformed, b),
             refused_submission("a field key with an uppercase letter", replace_once(good, "\"child_sex\"", "\"Child_sex\""),
                                E::submission_malformed, b),
             refused_submission("an agency code of the wrong shape", replace_once(good, "000.00.10.H26", "000.00.10.h26"),
                                E::submission_malformed, b),
             refused_submission("another protocol version", replace_once(good, "\"protocol\":1", "\"protocol\":2"),
                                E::protocol_unsupported, b),
             refused_submission("created_at as a JSON fraction", replace_once(good, "1795506600", "1795506600.0"),
                                E::submission_malformed, b),
             refused_submission("a changed value under the same signature", replace_once(good, "\"nu\"", "\"nam\""),
                                E::signature_invalid, b),
             refused_submission("another signature", replace_once(good, sig, other_sig), E::signature_invalid, b)});
        // The household example with its two attachments swapped: unsorted.
        auto swapped = household;
        std::swap(swapped.body.attachments[0], swapped.body.attachments[1]);
        swapped = submission::sign(std::move(swapped.body), device.sk);
        refused.push_back(refused_submission("attachments not in hash order (signed as sent)",
                                             protocol::to_json(swapped), E::submission_malformed, swapped.body));
        // Strict input (docs/protocol.md 6.8). A key twice: a reader keeping the last one would
        // see the signed value in each of these, so the signature alone does not catch them.
        refused.push_back(refused_submission(
            "a top-level key twice (form_version 2, then the signed 1)",
            replace_once(good, "\"form_version\":1", "\"form_version\":2,\"form_version\":1"), E::json_duplicate_key, b));
        refused.push_back(refused_submission(
            "a key twice inside values (child_sex \"nam\", then the signed \"nu\")",
            replace_once(good, "\"child_sex\":\"nu\"", "\"child_sex\":\"nam\",\"child_sex\":\"nu\""),
            E::json_duplicate_key, b));
        refused.push_back(refused_submission(
            "a key twice inside values, the second written with an escape (\\u0063hild_sex)",
            replace_once(good, "\"child_sex\":\"nu\"", "\"child_sex\":\"nam\",\"\\u0063hild_sex\":\"nu\""),
            E::json_duplicate_key, b));
        refused.push_back(refused_submission("\\u0000 (escaped) at the end of a value",
                                             replace_once(good, "Mai Anh\"", "Mai Anh\\u0000\""),
                                             E::control_character, b));
        refused.push_back(refused_submission("a raw U+007F (DEL) inside a value",
                                             replace_once(good, "Mai Anh", "Mai\x7f" "Anh"), E::control_character, b));
        refused.push_back(refused_submission("\\u0001 in a key of values",
                                             replace_once(good, "\"child_sex\"", "\"child_sex\\u0001\""),
                                             E::control_character, b));
        refused.push_back(refused_submission("\\n in a member outside values (agency)",
                                             replace_once(good, "000.00.10.H26", "000.00.10.H26\\n"),
                                             E::control_character, b));
        // A line break the codec lets through (in values) but the form refuses: child_name is a
        // one-line field. Signed as sent, so only the form's check (after the signature) refuses it.
        {
            auto s = birth.body;
            s.values["child_name"] = "Nguyễn Thị\nMai Anh";
            const auto signed_s = submission::sign(std::move(s), device.sk);
            auto back = protocol::submission_from_json(protocol::to_json(signed_s));
            if (!back || !submission::check_well_formed(back->body) || !submission::verify(*back))
                fail("the one-line line break is refused before the form's check");
            refused.push_back(refused_submission("\\n in a one-line field (child_name), signed as sent",
                                                 protocol::to_json(signed_s), E::control_character, signed_s.body));
        }
        // The accepted counterpart is the business_household example: a \n in its long_text
        // field "activities" (checked by check_acceptable above).
        if (household.body.values.at("activities").find('\n') == std::string::npos)
            fail("the business_household example lost its line break");
        // Each must fail where docs/protocol.md says it does, with the shared code, in the
        // server's order: decoding, section 5, the signature, then the form (a control
        // character first, with its own code).
        for (const auto& r : refused) {
            auto decoded = protocol::submission_from_json(r["json"].get<std::string>());
            std::string code;
            if (!decoded) code = decoded.err().code;
            else if (auto wf = submission::check_well_formed(decoded->body); !wf) code = wf.err().code;
            else if (!submission::verify(*decoded)) code = "signature_invalid";
            else {
                const auto* p = catalog::builtin().find(decoded->body.procedure);
                const auto* form = p ? p->form_version(decoded->body.form_version) : nullptr;
                if (!form) fail("refused example \"" + r["about"].get<std::string>() + "\": no form");
                for (const auto& problem : forms::validate(*form, decoded->body.values, today))
                    if (problem.level == forms::severity::error) {
                        code = problem.message.code == E::control_character.code ? std::string(E::control_character.code)
                                                                                 : std::string(E::submission_malformed.code);
                        break;
                    }
            }
            if (code != r["code"].get<std::string>())
                fail("refused example \"" + r["about"].get<std::string>() + "\" gave " + (code.empty() ? "no error" : code));
        }
        out["submissions_refused"] = std::move(refused);
    }

    // ---- the receipt ----
    const std::int64_t received_at = created_at + 42;
    const auto* birth_procedure = catalog::builtin().find(birth.body.procedure);
    const civil_date due = calendar::deadline(vietnam_date_of(received_at), birth_procedure->processing_working_days,
                                              calendar::builtin_days_off());
    const std::string dossier_code = "000.00.10.H26-261124-0001";
    {
        submission::receipt r;
        r.submission_id = birth.body.id;
        r.submission_hash = crypto::hash(submission::canonical_bytes(birth.body));
        r.dossier_code = dossier_code;
        r.agency = birth.body.agency;
        r.procedure = birth.body.procedure;
        r.received_at = received_at;
        r.due_date = to_iso(due);
        r.server_key = server.pk;
        r = submission::sign(std::move(r), server.sk);
        if (!submission::verify(r)) fail("receipt does not verify");
        const auto canonical = submission::canonical_bytes(r);
        out["receipt"] = {{"about", "The server's receipt for the birth_registration submission."},
                          {"for_submission", "birth_registration"},
                          {"json", protocol::to_json(r)},
                          {"canonical_hex", hex(canonical)},
                          {"signature", hex(r.signature)},
                          {"signed_by", "server"}};
    }

    // ---- feed entries ----
    {
        protocol::feed_entry first;
        first.device_key = device.pk;
        first.cursor = 1;
        first.submission_id = birth.body.id;
        first.dossier_code = dossier_code;
        first.status = 2;
        first.at = received_at;
        first.document = "receipt";
        first.note_vi = "Hồ sơ đã được tiếp nhận. Ngày hẹn trả kết quả: " + to_vn(due) + ".";
        first.note_en = "The dossier was received. Results are due on " + to_iso(due) + ".";
        first.server_key = server.pk;
        protocol::feed_entry second = first;
        second.cursor = 2;
        second.status = 5;
        second.at = received_at + 3600;
        second.document = "supplement_request";
        second.note_vi = "Đề nghị bổ sung bản sao giấy chứng sinh.";
        second.note_en = "Please add a copy of the birth certificate.";
        protocol::feed_page page;
        json entries = json::array();
        for (auto e : {first, second}) {
            e = protocol::sign(std::move(e), server.sk);
            if (!protocol::verify(e)) fail("feed entry does not verify");
            entries.push_back({{"json", protocol::to_json(e)},
                               {"canonical_hex", hex(protocol::canonical_bytes(e))},
                               {"signature", hex(e.signature)},
                               {"signed_by", "server"}});
            page.entries.push_back(std::move(e));
        }
        page.more = false;
        out["feed_entries"] = std::move(entries);
        out["feed_page_json"] = protocol::to_json(page);
    }

    // ---- other messages, as the C++ writes them ----
    {
        protocol::attachment_state announce;
        announce.hash = household.body.attachments[0].hash;
        announce.size = household.body.attachments[0].size;
        announce.media_type = household.body.attachments[0].media_type;
        auto state = announce;
        state.received = 0;
        auto done = announce;
        done.received = done.size;
        done.complete = true;
        out["messages"] = {
            {"device_registration", protocol::device_registration_json(device.pk)},
            {"device_registered", protocol::to_json(protocol::device_registered{device.pk, created_at - 5, server.pk})},
            {"attachment_announce", protocol::attachment_announce_json(announce)},
            {"attachment_state_new", protocol::to_json(state)},
            {"attachment_state_complete", protocol::to_json(done)},
            {"attachment_path_hex", hex(announce.hash)},
            {"error", protocol::error_to_json(protocol::make_error(protocol::errors::request_stale))}};
    }

    // ---- requests ----
    {
        const std::string registration = protocol::device_registration_json(device.pk);
        const std::string birth_json = protocol::to_json(birth);
        const auto& first = household.body.attachments[0];
        const std::string first_content =
            first.media_type == "image/jpeg" ? contents[0].second : contents[1].second;
        std::vector<request_example> examples = {
            {"register_device", "Registration: always signed (MCQ1), by the key being registered.", "POST",
             "/v1/devices", "application/json", registration, created_at - 5, nonce_of(0x01), false},
            {"put_submission", "The birth_registration submission, MAC'd (MCQ2).", "PUT",
             "/v1/submissions/" + to_string(birth.body.id), "application/json", birth_json, created_at + 2,
             nonce_of(0x02), true},
            {"patch_attachment", "The first listed attachment in one chunk from offset 0, MAC'd; a binary body.",
             "PATCH", "/v1/attachments/" + hex(first.hash) + "?offset=0", "application/octet-stream", first_content,
             created_at + 1, nonce_of(0x03), true},
            {"get_feed", "A feed read: no body (the hash of the empty string), the query as sent, MAC'd.", "GET",
             "/v1/feed?after=0&limit=100", "", "", created_at + 50, nonce_of(0x04), true},
            {"get_feed_signed", "The same read signed (MCQ1): accepted on every endpoint.", "GET",
             "/v1/feed?after=0&limit=100", "", "", created_at + 50, nonce_of(0x05), false}};
        json requests = json::array();
        for (const auto& r : examples) requests.push_back(request_entry(r, device, mac_key));
        out["requests"] = std::move(requests);
    }

    // ---- header values refused as request_unsigned ----
    {
        const auto h = protocol::to_headers(
            protocol::sign_request("GET", "/v1/feed", "", created_at, nonce_of(0x06), device));
        const auto m = protocol::to_headers(
            protocol::mac_request("GET", "/v1/feed", "", created_at, nonce_of(0x06), device.pk, mac_key));
        struct bad {
            const char* why;
            std::string device, time, nonce, signature, mac;
        };
        const auto sig_bytes = *encoding::from_base64(h.signature);
        const std::string sig63 = b64(std::span(sig_bytes).first(63));
        std::string upper_nonce = h.nonce;
        for (char& c : upper_nonce) c = char(std::toupper(static_cast<unsigned char>(c)));
        std::vector<bad> cases = {
            {"time with a sign", h.device, "+1795506600", h.nonce, h.signature, ""},
            {"negative time", h.device, "-5", h.nonce, h.signature, ""},
            {"time not decimal", h.device, "0x6b05a3a8", h.nonce, h.signature, ""},
            {"time of 13 digits", h.device, "1795506600000", h.nonce, h.signature, ""},
            {"time with a dot", h.device, "1795506600.5", h.nonce, h.signature, ""},
            {"time empty", h.device, "", h.nonce, h.signature, ""},
            {"nonce in uppercase hex", h.device, h.time, upper_nonce, h.signature, ""},
            {"nonce of 15 bytes", h.device, h.time, h.nonce.substr(2), h.signature, ""},
            {"device key of 31 bytes", b64(std::span(device.pk).first(31)), h.time, h.nonce, h.signature, ""},
            {"device key without padding", h.device.substr(0, h.device.size() - 1), h.time, h.nonce, h.signature, ""},
            {"signature of 63 bytes", h.device, h.time, h.nonce, sig63, ""},
            {"both a signature and a MAC", h.device, h.time, h.nonce, h.signature, m.mac},
            {"neither a signature nor a MAC", h.device, h.time, h.nonce, "", ""}};
        json refused = json::array();
        for (const auto& c : cases) {
            if (protocol::auth_from_headers(c.device, c.time, c.nonce, c.signature, c.mac))
                fail(std::string("headers accepted: ") + c.why);
            json headers = {{"Motcua-Device", c.device}, {"Motcua-Time", c.time}, {"Motcua-Nonce", c.nonce}};
            if (!c.signature.empty()) headers["Motcua-Signature"] = c.signature;
            if (!c.mac.empty()) headers["Motcua-Mac"] = c.mac;
            refused.push_back({{"why", c.why}, {"headers", std::move(headers)}});
        }
        out["headers_refused"] = {{"code", "request_unsigned"}, {"http_status", 401}, {"cases", std::move(refused)}};
    }

    std::cout << out.dump(2, ' ', false) << '\n';
    return 0;
}
