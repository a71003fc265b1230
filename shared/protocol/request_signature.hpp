// Signed requests (docs/protocol.md, "Signed requests"): what a device adds to each request so
// the server knows who sent it and that it is not a replay of a captured one.
#pragma once

#include "shared/core/result.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/encoding/canonical.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace motcua::protocol {

using nonce = std::array<std::uint8_t, 16>;

inline constexpr std::string_view device_header = "Motcua-Device";
inline constexpr std::string_view time_header = "Motcua-Time";
inline constexpr std::string_view nonce_header = "Motcua-Nonce";
inline constexpr std::string_view signature_header = "Motcua-Signature";
// A request older or newer than this (by the server's clock) is refused as stale.
inline constexpr std::int64_t request_window_seconds = 300;

struct request_auth {
    crypto::public_key device{};
    std::int64_t time = 0;
    protocol::nonce nonce{};
    crypto::signature signature{};
};

// The header values as they travel.
struct auth_headers {
    std::string device, time, nonce, signature;
};

encoding::bytes request_signing_bytes(std::string_view method, std::string_view target, std::int64_t time,
                                      const nonce& n, std::span<const std::uint8_t> body);

request_auth sign_request(std::string_view method, std::string_view target, std::string_view body,
                          std::int64_t time, const nonce& n, const crypto::key_pair& device);
auth_headers to_headers(const request_auth& a);
// Parses the four header values; request_unsigned on anything missing or malformed.
result<request_auth> auth_from_headers(std::string_view device, std::string_view time, std::string_view nonce,
                                       std::string_view signature);
bool verify_request(const request_auth& a, std::string_view method, std::string_view target, std::string_view body);

} // namespace motcua::protocol
