// The server's Ed25519 key for signing receipts: made once, kept in the data folder (mode 0600).
#pragma once

#include "shared/core/result.hpp"
#include "shared/crypto/signing.hpp"

#include <filesystem>

namespace motcua::server {

result<crypto::key_pair> load_or_create_key(const std::filesystem::path& file);

} // namespace motcua::server
