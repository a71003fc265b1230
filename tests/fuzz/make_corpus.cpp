// Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/): valid examples of
// each input, signed with the fixtures' keys. make_corpus <corpus dir>
#include "shared/encoding/base64.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/request_signature.hpp"
#include "shared/submission/submission.hpp"
#include "shared/units/asset.hpp"
#include "shared/units/csv.hpp"
#include "tests/fuzz/fuzz_fixtures.hpp"
#include "tests/support/sample_submission.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace motcua;
namespace fs = std::filesystem;

fs::path root;

void write(const std::string& target, const std::string& name, std::string_view bytes) {
    fs::create_directories(root / target);
    std::ofstream(root / target / name, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}
void write(const std::string& target, const std::string& name, const std::vector<std::uint8_t>& bytes) {
    write(target, name, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}
std::span<const std::uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

submission::signed_submission with_attachments() {
    auto kp = fuzz::device_key();
    auto s = testing::signed_birth_registration(2).body;
    for (std::string_view content : {"%PDF-1.4 giấy chứng sinh", "\xff\xd8\xff\xe0 ảnh"}) {
        submission::attachment_ref a{"Giấy chứng sinh", "application/pdf", crypto::hash(as_bytes(content)),
                                     content.size()};
        s.attachments.push_back(a);
    }
    std::sort(s.attachments.begin(), s.attachments.end(),
              [](const auto& a, const auto& b) { return a.hash < b.hash; });
    s.attachments[1].name = "Ảnh hộ khẩu";
    s.attachments[1].media_type = "image/jpeg";
    return submission::sign(std::move(s), kp.sk);
}

submission::receipt sample_receipt(const submission::signed_submission& s) {
    submission::receipt r;
    r.submission_id = s.body.id;
    r.submission_hash = crypto::hash(submission::canonical_bytes(s.body));
    r.dossier_code = "000.00.10.H26-261124-0001";
    r.agency = s.body.agency;
    r.procedure = s.body.procedure;
    r.received_at = fuzz::fixed_now;
    r.due_date = "2026-11-27";
    r.server_key = fuzz::server_key().pk;
    return submission::sign(std::move(r), fuzz::server_key().sk);
}

protocol::feed_entry sample_entry(const submission::signed_submission& s, std::int64_t cursor, int status,
                                  std::string document) {
    protocol::feed_entry e;
    e.device_key = s.body.device_key;
    e.cursor = cursor;
    e.submission_id = s.body.id;
    e.dossier_code = "000.00.10.H26-261124-0001";
    e.status = status;
    e.at = fuzz::fixed_now + cursor;
    e.document = std::move(document);
    e.note_vi = "Hồ sơ cần bổ sung giấy tờ.";
    e.note_en = "The dossier needs another paper.";
    e.server_key = fuzz::server_key().pk;
    return protocol::sign(std::move(e), fuzz::server_key().sk);
}

protocol::attachment_state sample_attachment() {
    std::string_view content = "%PDF-1.4 giấy chứng sinh";
    return {crypto::hash(as_bytes(content)), content.size(), 9, false, "application/pdf"};
}

void json_codec() {
    auto s = testing::signed_birth_registration();
    write("json_codec", "submission.json", protocol::to_json(s));
    write("json_codec", "submission_attachments.json", protocol::to_json(with_attachments()));
    write("json_codec", "receipt.json", protocol::to_json(sample_receipt(s)));
    write("json_codec", "error.json", protocol::error_to_json(protocol::make_error(protocol::errors::request_stale)));
    write("json_codec", "attachment_list.json", protocol::attachment_list_to_json(with_attachments().body.attachments));
    write("json_codec", "device_registration.json", protocol::device_registration_json(s.body.device_key));
    write("json_codec", "device_registered.json",
          protocol::to_json(protocol::device_registered{s.body.device_key, fuzz::fixed_now, fuzz::server_key().pk}));
    write("json_codec", "attachment_announce.json", protocol::attachment_announce_json(sample_attachment()));
    write("json_codec", "attachment_state.json", protocol::to_json(sample_attachment()));
    write("json_codec", "feed_entry.json", protocol::to_json(sample_entry(s, 1, 2, "receipt")));
    protocol::feed_page page{{sample_entry(s, 1, 2, "receipt"), sample_entry(s, 2, 5, "supplement_request")}, true};
    write("json_codec", "feed_page.json", protocol::to_json(page));
}

void canonical() {
    write("canonical", "birth_registration", submission::canonical_bytes(testing::signed_birth_registration().body));
    write("canonical", "with_attachments", submission::canonical_bytes(with_attachments().body));
    submission::submission empty;
    empty.procedure = "1.001193";
    empty.agency = "000.00.10.H26";
    write("canonical", "no_values", submission::canonical_bytes(empty));
}

std::string header_lines(std::string_view method, std::string_view target, std::string_view body,
                         std::uint8_t nonce_byte) {
    protocol::nonce n{};
    n.fill(nonce_byte);
    auto h = protocol::to_headers(protocol::sign_request(method, target, body, fuzz::fixed_now, n, fuzz::device_key()));
    return h.device + "\n" + h.time + "\n" + h.nonce + "\n" + h.signature + "\n";
}

void request_signature() {
    auto body = protocol::to_json(testing::signed_birth_registration());
    std::string put_target = "/v1/submissions/" + to_string(testing::signed_birth_registration().body.id);
    write("request_signature", "put_submission",
          header_lines("PUT", put_target, body, 1) + "PUT\n" + put_target + "\n" + body);
    write("request_signature", "get_feed",
          header_lines("GET", "/v1/feed?after=0", "", 2) + "GET\n/v1/feed?after=0\n");
    // MAC'd, as a registered app sends it (any key: the target checks its own MAC separately).
    protocol::nonce n{};
    n.fill(3);
    crypto::mac_key key{};
    key.fill(0x42);
    auto m = protocol::to_headers(protocol::mac_request("PUT", put_target, body, fuzz::fixed_now, n,
                                                        fuzz::device_key().pk, key));
    write("request_signature", "put_submission_mac",
          m.device + "\n" + m.time + "\n" + m.nonce + "\nm=" + m.mac + "\nPUT\n" + put_target + "\n" + body);
}

void units_asset() {
    auto three = units::parse_units_csv("code,name,type,parent_code\n"
                                        "01,Thành phố Hà Nội,Thành phố Trung ương,\n"
                                        "001,Quận Ba Đình,Quận,01\n"
                                        "00001,Phường Phúc Xá,Phường,001\n"
                                        "00004,Phường Trúc Bạch,Phường,001\n"
                                        "268,Quận Hà Đông,Quận,01\n"
                                        "09538,Phường Quang Trung,Phường,268\n"
                                        "79,Thành phố Hồ Chí Minh,Thành phố Trung ương,\n"
                                        "760,Quận 1,Quận,79\n"
                                        "26734,Phường Tân Định,Phường,760\n",
                                        units::three_level_2025());
    auto two = units::parse_units_csv("code,name,type,parent_code\n"
                                      "01,Thành phố Hà Nội,Thành phố,\n"
                                      "00004,Phường Ba Đình,Phường,01\n"
                                      "09552,Phường Hà Đông,Phường,01\n"
                                      "10105,Xã Phúc Thọ,Xã,01\n",
                                      units::two_level_2025());
    if (!three || !two) {
        std::fprintf(stderr, "units: %s\n", (!three ? three.err() : two.err()).en.c_str());
        std::exit(1);
    }
    const units::unit_set* both[] = {&*three, &*two};
    write("units_asset", "two_structures", units::encode_asset(std::span<const units::unit_set* const>(both)));
    write("units_asset", "three_level", units::encode_asset(*three));
}

// One HTTP/1.1 request as it comes off the socket; signed with the fixtures' device key.
std::string http(std::string_view method, std::string_view target, std::string_view body = {},
                 std::string_view content_type = {}, int nonce = 0, std::string extra = {}) {
    std::string out = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (nonce) {
        protocol::nonce n{};
        n.fill(std::uint8_t(nonce));
        auto h = protocol::to_headers(
            protocol::sign_request(method, target, body, fuzz::fixed_now, n, fuzz::device_key()));
        out += "Motcua-Device: " + h.device + "\r\nMotcua-Time: " + h.time + "\r\nMotcua-Nonce: " + h.nonce +
               "\r\nMotcua-Signature: " + h.signature + "\r\n";
    }
    if (!content_type.empty()) out += "Content-Type: " + std::string(content_type) + "\r\n";
    if (!body.empty() || method == "PUT" || method == "POST" || method == "PATCH")
        out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return out + extra + "\r\n" + std::string(body);
}

void http_request() {
    const std::string json = "application/json";
    auto s = testing::signed_birth_registration();
    auto body = protocol::to_json(s);
    auto a = sample_attachment();
    auto hex = encoding::to_hex(a.hash);
    std::string chunk = "%PDF-1.4 ";
    write("http_request", "get_health", http("GET", "/v1/health"));
    write("http_request", "head_health", http("HEAD", "/v1/health"));
    write("http_request", "get_catalog", http("GET", "/v1/reference/catalog"));
    auto units_hash = crypto::hash(as_bytes(fuzz::units_body));
    auto etag = "\"" + encoding::to_hex(std::span<const std::uint8_t>(units_hash.data(), 16)) + "\"";
    write("http_request", "get_units_etag",
          http("GET", "/v1/reference/units", {}, {}, 0, "If-None-Match: W/\"abc\", " + etag + "\r\n"));
    write("http_request", "post_device",
          http("POST", "/v1/devices", protocol::device_registration_json(s.body.device_key), json, 1));
    write("http_request", "put_submission", http("PUT", "/v1/submissions/" + to_string(s.body.id), body, json, 2));
    write("http_request", "post_attachment", http("POST", "/v1/attachments", protocol::attachment_announce_json(a), json, 3));
    write("http_request", "get_attachment", http("GET", "/v1/attachments/" + hex, {}, {}, 4));
    write("http_request", "patch_attachment",
          http("PATCH", "/v1/attachments/" + hex + "?offset=0", chunk, "application/octet-stream", 5));
    write("http_request", "get_feed", http("GET", "/v1/feed?after=0&limit=10", {}, {}, 6));
    write("http_request", "get_metrics", http("GET", "/metrics"));
    write("http_request", "get_index", http("GET", "/", {}, {}, 0, "Accept-Encoding: gzip\r\n"));
    write("http_request", "get_file", http("GET", "/icons/icon.svg?v=1"));
    write("http_request", "head_file", http("HEAD", "/motcua.js", {}, {}, 0, "Connection: close\r\n"));
    // Two on one connection, the second with a chunked body.
    std::string chunked = "PUT /v1/submissions/" + to_string(s.body.id) +
                          " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n" +
                          [&] {
                              char size[16];
                              std::snprintf(size, sizeof size, "%zx", body.size());
                              return std::string(size);
                          }() + "\r\n" + body + "\r\n0\r\n\r\n";
    write("http_request", "pipelined", http("GET", "/v1/health", {}, {}, 0, "Connection: keep-alive\r\n") + chunked);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_corpus <corpus dir>\n");
        return 2;
    }
    root = argv[1];
    crypto::init();
    json_codec();
    canonical();
    request_signature();
    units_asset();
    http_request();
    return 0;
}
