// Checked field readers over nlohmann::json for the protocol's decoders (no exceptions: every
// access is checked first; a missing or mistyped field reads as false).
#pragma once

#include "shared/core/result.hpp"
#include "shared/encoding/base64.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/strict_json.hpp"
#include "shared/protocol/version.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace motcua::protocol::json_fields {

using nlohmann::json;

inline std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Field readers: each returns false (and leaves out untouched) when the field is missing
// or of the wrong type.
inline const json* field(const json& obj, const char* name) {
    auto it = obj.find(name);
    return it == obj.end() ? nullptr : &*it;
}

inline bool read_string(const json& obj, const char* name, std::string& out) {
    const json* f = field(obj, name);
    if (!f || !f->is_string()) return false;
    out = f->get_ref<const std::string&>();
    return true;
}

inline bool read_int(const json& obj, const char* name, std::int64_t min, std::int64_t max, std::int64_t& out) {
    const json* f = field(obj, name);
    if (!f || !f->is_number_integer()) return false;
    std::int64_t v = f->is_number_unsigned()
                         ? std::int64_t(std::min<std::uint64_t>(f->get<std::uint64_t>(), INT64_MAX))
                         : f->get<std::int64_t>();
    if (v < min || v > max) return false;
    out = v;
    return true;
}

template <std::size_t N> bool read_fixed(const json& obj, const char* name, std::array<std::uint8_t, N>& out) {
    std::string text;
    if (!read_string(obj, name, text)) return false;
    auto bin = encoding::from_base64(text);
    if (!bin || bin->size() != N) return false;
    std::memcpy(out.data(), bin->data(), N);
    return true;
}

inline error bad_field(const char* name) {
    return make_error(errors::submission_malformed, std::string("Trường lỗi: ") + name + ".",
                      std::string("Bad field: ") + name + ".");
}

// Every decoder parses here (strictly: no key twice, no control character; strict_json.hpp).
inline result<json> parse_object(std::string_view text, bool newlines_in_values = false) {
    auto j = strict_json::parse(text, newlines_in_values);
    if (j && !j->is_object()) return make_error(errors::json_malformed);
    return j;
}

inline bool check_protocol(const json& j) {
    std::int64_t v = 0;
    return read_int(j, "protocol", 0, 1000, v) && v == version;
}


} // namespace motcua::protocol::json_fields
