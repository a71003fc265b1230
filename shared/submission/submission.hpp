// A citizen's submission: what the device signs, queues and uploads, and how it is encoded.
// The signature covers canonical_bytes(), never the JSON it travels in.
#pragma once

#include "shared/core/result.hpp"
#include "shared/core/uuid.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/encoding/canonical.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace motcua::submission {

// Limits a well-formed submission keeps (the server refuses anything larger).
constexpr std::size_t max_values = 200;
constexpr std::size_t max_key_size = 64;
constexpr std::size_t max_value_size = 4000;
constexpr std::size_t max_attachments = 50;
constexpr std::size_t max_code_size = 32;
// No attachment is larger (the sync protocol's own limit, protocol::max_attachment_size, is lower).
constexpr std::uint64_t max_attachment_bytes = std::uint64_t(1) << 40;

struct attachment_ref {
    std::string name;       // what the person called it, e.g. "Giấy chứng sinh"
    std::string media_type; // image/jpeg, application/pdf …
    crypto::digest hash{};  // BLAKE2b-256 of the content
    std::uint64_t size = 0;
    friend bool operator==(const attachment_ref&, const attachment_ref&) = default;
};

struct submission {
    uuid id;
    crypto::public_key device_key{};
    std::string procedure;     // national procedure code, e.g. 1.001193
    std::uint32_t form_version = 1;
    std::string agency;        // receiving agency code (Circular 10/2016 shape)
    std::int64_t created_at = 0; // device clock, unix seconds: informative only
    std::map<std::string, std::string> values; // field id → NFC text; sorted by the map
    std::vector<attachment_ref> attachments;
    friend bool operator==(const submission&, const submission&) = default;
};

struct signed_submission {
    submission body;
    crypto::signature signature{};
};

encoding::bytes canonical_bytes(const submission& s);
// Strict: anything canonical_bytes() would not have produced is refused.
result<submission> decode_canonical(std::span<const std::uint8_t> data);

// Field keys, sizes, UTF-8 in NFC, agency code shape, attachment order: what the server checks
// before it looks at the signature.
status check_well_formed(const submission& s);

signed_submission sign(submission s, const crypto::secret_key& sk);
bool verify(const signed_submission& s);

} // namespace motcua::submission
