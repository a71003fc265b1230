// What the protocol refuses that JSON allows, for every decoder in shared/protocol: a key twice
// in one object (at any depth: two readers could keep different ones, and what was signed is
// not what is read), and a control character in a key or a string (see text/control_chars.hpp).
// The general decoders parse with parse() below; the fast submission reader applies the same
// rules itself and words its refusals with the same functions, so the two cannot disagree.
// A text is read in order and the first fault found answers: bad JSON (json_malformed) or one
// of these (json_duplicate_key, control_character), whichever comes first.
#pragma once

#include "shared/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string_view>

namespace motcua::protocol::strict_json {

// The one place a line break is allowed: the string members of the top-level member of this
// name (a submission's "values"; the form then decides by field kind, forms::validate).
inline constexpr std::string_view multiline_member = "values";

// The parsed text, of any JSON type. newlines_in_values: '\n' allowed as said above.
result<nlohmann::json> parse(std::string_view text, bool newlines_in_values = false);

// The refusals. key: the key seen twice; member: the key of the member the string is in (empty
// at no member); c: the first control character found.
error duplicate_key(std::string_view key);
error control_character_in_key(std::string_view key, unsigned char c);
error control_character_in_string(std::string_view member, unsigned char c);

} // namespace motcua::protocol::strict_json
