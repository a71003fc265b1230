// Base64 (standard alphabet, padded) for binary fields inside JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::encoding {

std::string to_base64(std::span<const std::uint8_t> data);
// Strict: no whitespace, padding required. nullopt on anything else.
std::optional<std::vector<std::uint8_t>> from_base64(std::string_view text);

std::string to_hex(std::span<const std::uint8_t> data);
// Strict: lowercase digits only (what to_hex writes), exactly out.size() bytes. false otherwise.
bool from_hex(std::string_view text, std::span<std::uint8_t> out);

} // namespace motcua::encoding
