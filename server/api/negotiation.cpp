// Content negotiation and validators: Accept-Encoding's q-values and If-None-Match.
#include "server/api/negotiation.hpp"

#include <algorithm>
#include <cctype>

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

// The q-value a coding gets in Accept-Encoding (RFC 9110 12.5.3): its own, else *'s, else 0.
double accepted_q(std::string_view header, std::string_view coding) {
    double own = -1, star = -1;
    while (!header.empty()) {
        auto comma = header.find(',');
        auto item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        auto semi = item.find(';');
        auto name = item.substr(0, semi);
        while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
        double q = 1;
        if (semi != std::string_view::npos) {
            auto params = item.substr(semi + 1);
            auto qpos = params.find_first_of("qQ");
            if (qpos != std::string_view::npos && qpos + 1 < params.size() && params[qpos + 1] == '=') {
                // "0", "0.5", "1.000": anything unreadable counts as 0, the safe side.
                auto v = params.substr(qpos + 2);
                q = 0;
                if (!v.empty() && (v[0] == '0' || v[0] == '1')) {
                    q = v[0] - '0';
                    double scale = 0.1;
                    for (std::size_t i = 2; i < v.size() && i < 5 && v[1] == '.' && std::isdigit((unsigned char)v[i]);
                         ++i, scale /= 10)
                        q += (v[i] - '0') * scale;
                    if (q > 1) q = 1;
                }
            }
        }
        auto same = [](std::string_view a, std::string_view b) {
            if (a.size() != b.size()) return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if (std::tolower((unsigned char)a[i]) != b[i]) return false;
            return true;
        };
        if (same(name, coding) || (coding == "gzip" && same(name, "x-gzip"))) own = std::max(own, q);
        else if (name == "*") star = q;
    }
    return own >= 0 ? own : star >= 0 ? star : 0;
}


} // namespace motcua::server
