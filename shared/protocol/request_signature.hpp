// Signed requests (docs/protocol.md, "Signed requests"): what a device adds to each request so
// the server knows who sent it and that it is not a replay of a captured one. Either an Ed25519
// signature (MCQ1: registration, or before the device knows the server's key) or a MAC keyed by
// the device-server shared key (MCQ2: every later request; a hash instead of a signature check).
#pragma once

#include "shared/core/result.hpp"
#include "shared/crypto/key_agreement.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/encoding/canonical.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::protocol {

using nonce = std::array<std::uint8_t, 16>;

inline constexpr std::string_view device_header = "Motcua-Device";
inline constexpr std::string_view time_header = "Motcua-Time";
inline constexpr std::string_view nonce_header = "Motcua-Nonce";
inline constexpr std::string_view signature_header = "Motcua-Signature";
inline constexpr std::string_view mac_header = "Motcua-Mac";
// A request older or newer than this (by the server's clock) is refused as stale.
inline constexpr std::int64_t request_window_seconds = 300;

struct request_auth {
    crypto::public_key device{};
    std::int64_t time = 0;
    protocol::nonce nonce{};
    crypto::signature signature{}; // MCQ1, when `mac` is empty
    std::optional<crypto::mac> mac; // MCQ2
};

// The header values as they travel: exactly one of `signature` and `mac` is set.
struct auth_headers {
    std::string device, time, nonce, signature, mac;
};

// `tag`: "MCQ1" for a signature, "MCQ2" for a MAC.
encoding::bytes request_signing_bytes(std::string_view method, std::string_view target, std::int64_t time,
                                      const nonce& n, std::span<const std::uint8_t> body,
                                      std::string_view tag = "MCQ1");

request_auth sign_request(std::string_view method, std::string_view target, std::string_view body,
                          std::int64_t time, const nonce& n, const crypto::key_pair& device);
// `key`: crypto::shared_mac_key of the device and the server (the device side).
request_auth mac_request(std::string_view method, std::string_view target, std::string_view body, std::int64_t time,
                         const nonce& n, const crypto::public_key& device, const crypto::mac_key& key);
auth_headers to_headers(const request_auth& a);
// Parses the header values (device, time, nonce, and a signature or a MAC, not both);
// request_unsigned on anything missing or malformed.
result<request_auth> auth_from_headers(std::string_view device, std::string_view time, std::string_view nonce,
                                       std::string_view signature, std::string_view mac = {});
// The signature of an MCQ1 request (false for an MCQ2 one).
bool verify_request(const request_auth& a, std::string_view method, std::string_view target, std::string_view body);
// The MAC of an MCQ2 request, with the server side's shared key (false for an MCQ1 one).
bool verify_request_mac(const request_auth& a, std::string_view method, std::string_view target,
                        std::string_view body, const crypto::mac_key& key);

} // namespace motcua::protocol
