// docs/protocol-vectors.json against the code: the C++ must make exactly the bytes, hashes, MAC
// keys, MACs and signatures the page's vectors hold, read every JSON message back to the same
// bytes, and refuse what they say is refused. MOTCUA_PROTOCOL_VECTORS names another file (the
// shell test feeds a corrupted copy and expects failures).
#include "shared/catalog/catalog.hpp"
#include "shared/core/date.hpp"
#include "shared/crypto/key_agreement.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/encoding/base64.hpp"
#include "shared/encoding/canonical.hpp"
#include "shared/forms/form.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/request_signature.hpp"
#include "shared/submission/receipt.hpp"
#include "shared/submission/submission.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace motcua;
using nlohmann::json;

namespace {

const json& vectors() {
    static const json v = [] {
        const char* override_path = std::getenv("MOTCUA_PROTOCOL_VECTORS");
        const auto path = override_path && *override_path
                              ? std::filesystem::path(override_path)
                              : std::filesystem::path(__FILE__).parent_path() / "../../../docs/protocol-vectors.json";
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        json parsed = json::parse(text.str(), nullptr, false);
        if (parsed.is_discarded()) FAIL("cannot read " << path.string());
        return parsed;
    }();
    return v;
}

std::span<const std::uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
std::string hex(std::span<const std::uint8_t> b) { return encoding::to_hex(b); }
std::string str(const json& j) { return j.get<std::string>(); }

encoding::bytes unhex(const json& j) {
    const std::string text = str(j);
    encoding::bytes out(text.size() / 2);
    REQUIRE(encoding::from_hex(text, out));
    return out;
}
template <std::size_t N> std::array<std::uint8_t, N> unhex_fixed(const json& j) {
    std::array<std::uint8_t, N> out{};
    REQUIRE(encoding::from_hex(str(j), out));
    return out;
}

crypto::key_pair keys_of(const char* who) {
    crypto::init();
    return crypto::key_pair_from_seed(unhex_fixed<32>(vectors()["keys"][who]["seed"]));
}

const forms::form_def* form_of(const submission::submission& s) {
    const auto* p = catalog::builtin().find(s.procedure);
    return p ? p->form_version(s.form_version) : nullptr;
}

// The code the server answers a submission with, as far as shared/ decides it, in the server's
// order: decoding (strict input included), section 5, the signature, then the form (whose
// control-character check comes first and keeps its code: a line break in a one-line field).
std::string refusal_code(const std::string& text) {
    auto decoded = protocol::submission_from_json(text);
    if (!decoded) return decoded.err().code;
    if (auto wf = submission::check_well_formed(decoded->body); !wf) return wf.err().code;
    if (!submission::verify(*decoded)) return "signature_invalid";
    const auto* form = form_of(decoded->body);
    if (!form) return "form_version_unknown";
    for (const auto& p : forms::validate(*form, decoded->body.values, vietnam_date_of(decoded->body.created_at)))
        if (p.level == forms::severity::error)
            return p.message.code == protocol::errors::control_character.code ? "control_character"
                                                                             : "submission_malformed";
    return "";
}

// The HTTP status the server answers a code with (docs/protocol.md 6.8 and 10).
int status_of(const std::string& code) {
    namespace E = protocol::errors;
    for (const auto* k : {&E::submission_malformed, &E::protocol_unsupported, &E::signature_invalid,
                          &E::json_duplicate_key, &E::control_character, &E::json_malformed})
        if (k->code == code) return k->http_status;
    return 0;
}

// The long_text field ids of a submission's form, as the vectors list them.
json long_text_fields(const submission::submission& s) {
    json ids = json::array();
    const auto* form = form_of(s);
    REQUIRE(form);
    for (const auto& f : form->fields) {
        if (f.kind == forms::field_kind::long_text) ids.push_back(f.id);
        if (f.kind == forms::field_kind::group)
            for (const auto& sub : f.fields)
                if (sub.kind == forms::field_kind::long_text) ids.push_back(f.id + ".N." + sub.id);
    }
    return ids;
}

} // namespace

TEST_CASE("protocol vectors: keys, their Curve25519 forms and the MAC key") {
    const auto& v = vectors();
    REQUIRE(v["protocol"] == 1);
    for (const char* who : {"device", "server"}) {
        CAPTURE(who);
        const auto& k = v["keys"][who];
        const auto kp = keys_of(who);
        CHECK(hex(kp.pk) == str(k["public_key"]));
        CHECK(encoding::to_base64(kp.pk) == str(k["public_key_base64"]));
        std::array<std::uint8_t, 64> h{};
        crypto_hash_sha512(h.data(), kp.sk.data(), 32); // the seed: the first half of libsodium's secret key
        CHECK(hex(h) == str(k["sha512_of_seed"]));
        std::array<std::uint8_t, 32> xs{}, xp{};
        REQUIRE(crypto_sign_ed25519_sk_to_curve25519(xs.data(), kp.sk.data()) == 0);
        REQUIRE(crypto_sign_ed25519_pk_to_curve25519(xp.data(), kp.pk.data()) == 0);
        CHECK(hex(xs) == str(k["x25519_secret"]));
        CHECK(hex(xp) == str(k["x25519_public"]));
    }
    const auto device = keys_of("device"), server = keys_of("server");
    const auto& m = v["mac_key"];
    auto from_device = crypto::shared_mac_key(device, server.pk, device.pk, server.pk);
    auto from_server = crypto::shared_mac_key(server, device.pk, device.pk, server.pk);
    REQUIRE(from_device);
    REQUIRE(from_server);
    CHECK(hex(*from_device) == str(m["mac_key"]));
    CHECK(hex(*from_server) == str(m["mac_key"]));
    // The derivation as the page writes it: BLAKE2b-256 of the 100 bytes.
    const auto input = unhex(m["hash_input_hex"]);
    REQUIRE(input.size() == 100);
    CHECK(hex(crypto::hash(input)) == str(m["mac_key"]));
    CHECK(hex(std::span(input).subspan(4, 32)) == str(m["x25519_shared"]));
    for (const auto& r : m["peer_keys_refused"]) {
        CAPTURE(str(r["why"]));
        const auto peer = unhex_fixed<32>(r["public_key"]);
        CHECK_FALSE(crypto::shared_mac_key(server, peer, peer, server.pk));
    }
}

TEST_CASE("protocol vectors: canonical encoding, base64, hashes") {
    const auto& v = vectors();
    for (const auto& e : v["encoding"]["uint"]) {
        encoding::canonical_writer w;
        w.uint(std::stoull(str(e["value"])));
        CHECK(hex(w.data()) == str(e["hex"]));
        const auto b = unhex(e["hex"]);
        encoding::canonical_reader r(b);
        CHECK(r.uint() == std::stoull(str(e["value"])));
        CHECK((r.ok() && r.at_end()));
    }
    for (const auto& e : v["encoding"]["text"]) {
        encoding::canonical_writer w;
        w.text(str(e["text"]));
        CHECK(hex(w.data()) == str(e["hex"]));
    }
    for (const auto& e : v["encoding"]["uint_refused"]) {
        CAPTURE(str(e["why"]));
        const auto b = unhex(e["hex"]);
        encoding::canonical_reader r(b);
        r.uint();
        CHECK_FALSE((r.ok() && r.at_end()));
    }
    for (const auto& e : v["base64"]["ok"]) {
        const auto b = unhex(e["hex"]);
        CHECK(encoding::to_base64(b) == str(e["base64"]));
        auto back = encoding::from_base64(str(e["base64"]));
        REQUIRE(back);
        CHECK(*back == b);
    }
    for (const auto& e : v["base64"]["refused"]) {
        CAPTURE(str(e["why"]));
        CHECK_FALSE(encoding::from_base64(str(e["base64"])));
    }
    for (const auto& e : v["hashes"]["unkeyed"])
        CHECK(hex(crypto::hash(as_bytes(str(e["input_text"])))) == str(e["blake2b_256"]));
    for (const auto& e : v["hashes"]["keyed"])
        CHECK(hex(crypto::keyed_hash(as_bytes(str(e["input_text"])), unhex_fixed<32>(e["key"]))) ==
              str(e["blake2b_256_keyed"]));
}

TEST_CASE("protocol vectors: submissions") {
    const auto device = keys_of("device");
    int line_breaks_accepted = 0;
    for (const auto& s : vectors()["submissions"]) {
        CAPTURE(str(s["name"]));
        const std::string text = str(s["json"]);
        auto decoded = protocol::submission_from_json(text);
        REQUIRE(decoded);
        CHECK(protocol::to_json(*decoded) == text); // our writer's exact bytes
        CHECK(submission::check_well_formed(decoded->body));
        const auto canonical = submission::canonical_bytes(decoded->body);
        CHECK(hex(canonical) == str(s["canonical_hex"]));
        CHECK(canonical.size() == s["canonical_size"].get<std::size_t>());
        CHECK(hex(crypto::hash(canonical)) == str(s["hash"]));
        CHECK(encoding::to_base64(crypto::hash(canonical)) == str(s["hash_base64"]));
        CHECK(hex(decoded->signature) == str(s["signature"]));
        CHECK(encoding::to_base64(decoded->signature) == str(s["signature_base64"]));
        CHECK(decoded->body.device_key == device.pk);
        CHECK(submission::verify(*decoded));
        CHECK(submission::sign(decoded->body, device.sk).signature == decoded->signature);
        auto back = submission::decode_canonical(unhex(s["canonical_hex"]));
        REQUIRE(back);
        CHECK(*back == decoded->body);
        // Valid for its form (a line break only in a long_text field), and the form's long_text
        // fields are the ones the vector lists.
        const auto* form = form_of(decoded->body);
        REQUIRE(form);
        CHECK_FALSE(forms::has_errors(forms::validate(*form, decoded->body.values, vietnam_date_of(decoded->body.created_at))));
        CHECK(s["long_text_fields"] == long_text_fields(decoded->body));
        for (const auto& [k, value] : decoded->body.values)
            if (value.find('\n') != std::string::npos) {
                ++line_breaks_accepted;
                const auto* f = forms::field_for_key(*form, k);
                REQUIRE(f);
                CHECK(f->kind == forms::field_kind::long_text);
            }
        if (s.contains("attachment_contents"))
            for (const auto& c : s["attachment_contents"]) {
                const auto h = crypto::hash(as_bytes(str(c["content_text"])));
                CHECK(hex(h) == str(c["hash"]));
                bool listed = false;
                for (const auto& a : decoded->body.attachments)
                    listed = listed || (a.hash == h && a.size == c["size"].get<std::uint64_t>() && a.name == str(c["name"]));
                CHECK(listed);
            }
    }
    CHECK(line_breaks_accepted > 0); // the accepted counterpart of the one-line refusal
    std::set<std::string> codes;
    for (const auto& r : vectors()["submissions_refused"]) {
        CAPTURE(str(r["about"]));
        CHECK(refusal_code(str(r["json"])) == str(r["code"]));
        CHECK(r["http_status"].get<int>() == status_of(str(r["code"])));
        if (auto decoded = protocol::submission_from_json(str(r["json"])))
            CHECK(r["long_text_fields"] == long_text_fields(decoded->body));
        codes.insert(str(r["code"]));
    }
    // The strict-input refusals (6.8) are among them.
    CHECK(codes.count("json_duplicate_key"));
    CHECK(codes.count("control_character"));
}

TEST_CASE("protocol vectors: receipt and feed entries") {
    const auto& v = vectors();
    const auto server = keys_of("server");
    const auto& rv = v["receipt"];
    auto r = protocol::receipt_from_json(str(rv["json"]));
    REQUIRE(r);
    CHECK(protocol::to_json(*r) == str(rv["json"]));
    CHECK(hex(submission::canonical_bytes(*r)) == str(rv["canonical_hex"]));
    CHECK(hex(r->signature) == str(rv["signature"]));
    CHECK(r->server_key == server.pk);
    CHECK(submission::verify(*r));
    CHECK(submission::sign(*r, server.sk).signature == r->signature);
    for (const auto& s : v["submissions"])
        if (s["name"] == rv["for_submission"]) {
            auto sub = protocol::submission_from_json(str(s["json"]));
            REQUIRE(sub);
            CHECK(r->submission_id == sub->body.id);
            CHECK(r->submission_hash == crypto::hash(submission::canonical_bytes(sub->body)));
        }

    for (const auto& e : v["feed_entries"]) {
        auto entry = protocol::feed_entry_from_json(str(e["json"]));
        REQUIRE(entry);
        CHECK(protocol::to_json(*entry) == str(e["json"]));
        CHECK(hex(protocol::canonical_bytes(*entry)) == str(e["canonical_hex"]));
        CHECK(hex(entry->signature) == str(e["signature"]));
        CHECK(protocol::verify(*entry));
        CHECK(protocol::sign(*entry, server.sk).signature == entry->signature);
    }
    auto page = protocol::feed_page_from_json(str(v["feed_page_json"]));
    REQUIRE(page);
    CHECK(page->entries.size() == v["feed_entries"].size());
    CHECK(protocol::to_json(*page) == str(v["feed_page_json"]));
}

TEST_CASE("protocol vectors: other messages") {
    const auto& m = vectors()["messages"];
    const auto device = keys_of("device"), server = keys_of("server");
    CHECK(protocol::device_registration_json(device.pk) == str(m["device_registration"]));
    auto announced = protocol::device_registration_from_json(str(m["device_registration"]));
    REQUIRE(announced);
    CHECK(*announced == device.pk);
    auto registered = protocol::device_registered_from_json(str(m["device_registered"]));
    REQUIRE(registered);
    CHECK(registered->server_key == server.pk);
    CHECK(protocol::to_json(*registered) == str(m["device_registered"]));
    auto announce = protocol::attachment_announce_from_json(str(m["attachment_announce"]));
    REQUIRE(announce);
    CHECK(protocol::attachment_announce_json(*announce) == str(m["attachment_announce"]));
    CHECK(hex(announce->hash) == str(m["attachment_path_hex"]));
    for (const char* name : {"attachment_state_new", "attachment_state_complete"}) {
        auto state = protocol::attachment_state_from_json(str(m[name]));
        REQUIRE(state);
        CHECK(protocol::to_json(*state) == str(m[name]));
    }
    auto e = protocol::error_from_json(str(m["error"]));
    REQUIRE(e);
    CHECK(protocol::error_to_json(*e) == str(m["error"]));
}

TEST_CASE("protocol vectors: signed and MAC'd requests") {
    const auto& v = vectors();
    const auto device = keys_of("device"), server = keys_of("server");
    const auto key = *crypto::shared_mac_key(server, device.pk, device.pk, server.pk);
    for (const auto& r : v["requests"]) {
        CAPTURE(str(r["name"]));
        const auto body_bytes = unhex(r["body_hex"]);
        const std::string body(body_bytes.begin(), body_bytes.end());
        const std::string method = str(r["method"]), target = str(r["target"]), form = str(r["form"]);
        const std::int64_t time = r["time"].get<std::int64_t>();
        const auto nonce = unhex_fixed<16>(r["nonce"]);
        CHECK(hex(crypto::hash(body_bytes)) == str(r["body_hash"]));
        CHECK(hex(protocol::request_signing_bytes(method, target, time, nonce, body_bytes, form)) ==
              str(r["signing_bytes_hex"]));
        const bool mac = form == "MCQ2";
        const auto made = mac ? protocol::mac_request(method, target, body, time, nonce, device.pk, key)
                              : protocol::sign_request(method, target, body, time, nonce, device);
        const auto h = protocol::to_headers(made);
        const auto& want = r["headers"];
        CHECK(h.device == str(want["Motcua-Device"]));
        CHECK(h.time == str(want["Motcua-Time"]));
        CHECK(h.nonce == str(want["Motcua-Nonce"]));
        if (mac) {
            CHECK(hex(key) == str(r["mac_key"]));
            CHECK(hex(*made.mac) == str(r["mac"]));
            CHECK(h.mac == str(want["Motcua-Mac"]));
            CHECK_FALSE(want.contains("Motcua-Signature"));
        } else {
            CHECK(hex(made.signature) == str(r["signature"]));
            CHECK(h.signature == str(want["Motcua-Signature"]));
            CHECK_FALSE(want.contains("Motcua-Mac"));
        }
        // The server's side, from the vector's headers.
        auto auth = protocol::auth_from_headers(str(want["Motcua-Device"]), str(want["Motcua-Time"]),
                                                str(want["Motcua-Nonce"]), want.value("Motcua-Signature", ""),
                                                want.value("Motcua-Mac", ""));
        REQUIRE(auth);
        CHECK((mac ? protocol::verify_request_mac(*auth, method, target, body, key)
                   : protocol::verify_request(*auth, method, target, body)));
        if (r["content_type"].is_null()) CHECK_FALSE(want.contains("Content-Type"));
        else CHECK(want["Content-Type"] == r["content_type"]);
    }
    const auto& refused = v["headers_refused"];
    for (const auto& c : refused["cases"]) {
        CAPTURE(str(c["why"]));
        const auto& h = c["headers"];
        auto auth = protocol::auth_from_headers(h.value("Motcua-Device", ""), h.value("Motcua-Time", ""),
                                                h.value("Motcua-Nonce", ""), h.value("Motcua-Signature", ""),
                                                h.value("Motcua-Mac", ""));
        REQUIRE_FALSE(auth);
        CHECK(auth.err().code == str(refused["code"]));
    }
}
