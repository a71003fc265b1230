// Civil date arithmetic (Howard Hinnant's days_from_civil algorithm) and formats.
#include "shared/core/date.hpp"

#include <cstdio>

namespace motcua {

std::int64_t days_from_civil(civil_date d) {
    std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

civil_date civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = std::int64_t(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return civil_date{int(y + (m <= 2 ? 1 : 0)), int(m), int(d)};
}

int weekday(civil_date d) {
    std::int64_t z = days_from_civil(d);
    return int(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

civil_date add_days(civil_date d, std::int64_t n) { return civil_from_days(days_from_civil(d) + n); }

bool is_valid(civil_date d) {
    if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
    return civil_from_days(days_from_civil(d)) == d;
}

civil_date vietnam_date_of(std::int64_t unix_seconds) {
    std::int64_t local = unix_seconds + vietnam_utc_offset_seconds;
    std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    return civil_from_days(days);
}

std::string to_iso(civil_date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::string to_vn(civil_date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
    return buf;
}

namespace {
// Reads 1..max_digits digits at pos; returns -1 when there are none or too many.
int read_number(std::string_view s, std::size_t& pos, std::size_t min_digits, std::size_t max_digits) {
    std::size_t start = pos;
    int v = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < max_digits)
        v = v * 10 + (s[pos++] - '0');
    std::size_t n = pos - start;
    if (n < min_digits || (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')) return -1;
    return v;
}
} // namespace

std::optional<civil_date> parse_iso_date(std::string_view s) {
    std::size_t pos = 0;
    if (s.size() != 10) return std::nullopt;
    int y = read_number(s, pos, 4, 4);
    if (y < 0 || pos >= s.size() || s[pos++] != '-') return std::nullopt;
    int m = read_number(s, pos, 2, 2);
    if (m < 0 || pos >= s.size() || s[pos++] != '-') return std::nullopt;
    int d = read_number(s, pos, 2, 2);
    if (d < 0 || pos != s.size()) return std::nullopt;
    civil_date date{y, m, d};
    if (!is_valid(date)) return std::nullopt;
    return date;
}

std::optional<civil_date> parse_vn_date(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    std::size_t pos = 0;
    auto sep = [&]() {
        if (pos < s.size() && (s[pos] == '/' || s[pos] == '-' || s[pos] == '.')) {
            ++pos;
            return true;
        }
        return false;
    };
    int d = read_number(s, pos, 1, 2);
    if (d < 0 || !sep()) return std::nullopt;
    int m = read_number(s, pos, 1, 2);
    if (m < 0 || !sep()) return std::nullopt;
    int y = read_number(s, pos, 4, 4);
    if (y < 0 || pos != s.size()) return std::nullopt;
    civil_date date{y, m, d};
    if (!is_valid(date)) return std::nullopt;
    return date;
}

} // namespace motcua
