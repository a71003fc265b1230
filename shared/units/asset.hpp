// A compact binary form of unit sets for the browser client: a few times smaller than the CSV
// before gzip, and decoded without any text parsing.
#pragma once

#include "shared/units/registry.hpp"
#include "shared/units/unit.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace motcua::units {

// Format version 1, all integers LEB128 varints unless said otherwise:
//   "MCAU" (4 bytes), version (1 byte = 1), structure count
//   per structure:
//     id (length, bytes), depth (1 byte: 2 or 3), valid_from (zigzag days since 1970-01-01),
//     has_until (1 byte: 0 or 1) [valid_until (zigzag days)], unit count, province count,
//     types (count, then length + bytes each),
//     then, over the units in tree order (provinces, then the children of unit 0, 1, …):
//       type codes (type index × 2, + 1 if the name starts with "<type> " and that is left out),
//       child counts,
//       code deltas (zigzag: the code as a number minus the previous code of the same level;
//                    the number of digits follows from the level),
//     words (count, then length + bytes each, commonest first),
//     and each name as its word count and word indices (words are split at each space).
//   CRC-32 (IEEE, 4 bytes little-endian) of every byte before it; nothing after it.
inline constexpr std::uint8_t asset_version = 1;

std::vector<std::uint8_t> encode_asset(std::span<const unit_set* const> sets);
std::vector<std::uint8_t> encode_asset(const unit_set& set);

// Strict: the magic, the version, every length and count, the checksum and the end must be
// right, and every set passes the same checks as a CSV (unit_set::from_rows).
// Errors: units_asset_magic, units_asset_version, units_asset_truncated,
// units_asset_malformed, units_asset_checksum, units_asset_trailing, and the units_* ones.
result<std::vector<unit_set>> decode_asset(std::span<const std::uint8_t> bytes);

// Decodes an asset and adds each of its structures to the registry.
status load_asset(registry& into, std::span<const std::uint8_t> bytes);

} // namespace motcua::units
