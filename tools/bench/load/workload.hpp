// What motcua-load sends: device keys, signed submissions and their raw HTTP requests, all made
// before the timed part; and the check of the receipts that came back, made after it.
#pragma once

#include "shared/crypto/signing.hpp"
#include "shared/protocol/request_signature.hpp"
#include "shared/submission/submission.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::bench {

struct prepared_submission {
    submission::signed_submission signed_body;
    crypto::digest hash{};    // BLAKE2b-256 of the canonical bytes: what the receipt must bind
    std::string target, body; // what the request signature covers, with the method PUT
    protocol::request_auth auth;
    std::optional<crypto::mac_key> mac_key; // the device-server key, when the request is MAC'd
    std::string wire; // the whole HTTP request, headers and body, signed for its device
};

struct workload_options {
    std::string host = "127.0.0.1:8080"; // the Host header
    std::size_t agencies = 20;           // dossier codes allow 9,999 a day per agency
    unsigned threads = 2;                // for the signing, outside the timed part
    // Known (after registration): requests carry a MAC keyed by the device-server key, as the
    // app's do once registered; without it they carry the device's signature.
    std::optional<crypto::public_key> server_key;
};

std::vector<crypto::key_pair> make_devices(std::size_t n);

// Submission number `n`: a complete birth registration (the catalog's current form version) with
// a fresh UUID, unsigned; the place of birth carries the number, so no two are alike.
submission::submission birth_registration(std::size_t n, const crypto::key_pair& device, std::string agency);
// Agency codes of the shape 000.00.NN.H26, NN = 10, 11, …: several wards on one server.
std::string agency_code(std::size_t which);

// Submission i belongs to device i % devices.size(); every one has a fresh UUID and its own values.
std::vector<prepared_submission> presign(const std::vector<crypto::key_pair>& devices, std::size_t count,
                                         const workload_options& o);

// A raw HTTP/1.1 keep-alive request; with `device`, authenticated with the four Motcua-* headers:
// a MAC with `mac_key`, else a signature (left in `auth` when given).
std::string http_request(std::string_view method, std::string_view target, std::string_view host,
                         std::string_view body, const crypto::key_pair* device,
                         protocol::request_auth* auth = nullptr, const crypto::mac_key* mac_key = nullptr);

// Why answers did not hold a good receipt, by reason; empty when all did.
struct receipt_check {
    std::size_t good = 0;
    std::map<std::string, std::size_t> bad;
    std::optional<crypto::public_key> server_key; // the one every receipt was signed by
};
receipt_check check_receipts(const std::vector<prepared_submission>& sent,
                             const std::vector<std::string>& bodies, const std::vector<int>& statuses,
                             const std::optional<crypto::public_key>& pinned);

} // namespace motcua::bench
