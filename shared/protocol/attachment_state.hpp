// How much of a content-addressed attachment the server holds: the answer that lets an upload
// resume where it stopped.
#pragma once

#include "shared/crypto/signing.hpp"

#include <cstdint>
#include <string>

namespace motcua::protocol {

// Largest attachment the server accepts; announced sizes above it are refused before any byte
// is sent. A phone photo of a paper is 1–4 MB.
constexpr std::uint64_t max_attachment_size = 10u << 20;
// Largest chunk in one PATCH: small enough for a 2G link to finish one before it drops.
constexpr std::uint64_t max_chunk_size = 256u << 10;

struct attachment_state {
    crypto::digest hash{};  // BLAKE2b-256 of the whole content: its name
    std::uint64_t size = 0; // announced total size
    std::uint64_t received = 0;
    bool complete = false;  // received == size and the hash checked
    std::string media_type;
    friend bool operator==(const attachment_state&, const attachment_state&) = default;
};

} // namespace motcua::protocol
