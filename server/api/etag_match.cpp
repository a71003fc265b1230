// If-None-Match: a comma-separated list of entity tags, or *.
#include "server/api/etag_match.hpp"

namespace motcua::server {

bool if_none_match_names(std::string_view if_none_match, std::string_view etag) {
    auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        return s;
    };
    if (trim(if_none_match) == "*") return true;
    while (!if_none_match.empty()) {
        auto comma = if_none_match.find(',');
        auto tag = trim(if_none_match.substr(0, comma));
        if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
        if (!tag.empty() && tag == etag) return true;
        if (comma == std::string_view::npos) break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}

} // namespace motcua::server
