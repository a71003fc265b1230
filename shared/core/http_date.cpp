// Parsing IMF-fixdate.
#include "shared/core/http_date.hpp"

#include "shared/core/date.hpp"

namespace motcua {

namespace {
int number(std::string_view s) {
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return s.empty() ? -1 : v;
}
} // namespace

std::optional<std::int64_t> parse_http_date(std::string_view t) {
    // "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions.
    if (t.size() != 29 || t[3] != ',' || t[4] != ' ' || t[7] != ' ' || t[11] != ' ' || t[16] != ' ' ||
        t[19] != ':' || t[22] != ':' || t.substr(25) != " GMT")
        return std::nullopt;
    constexpr std::string_view months = "JanFebMarAprMayJunJulAugSepOctNovDec";
    auto m = months.find(t.substr(8, 3));
    if (m == std::string_view::npos || m % 3 != 0) return std::nullopt;
    civil_date d{number(t.substr(12, 4)), int(m / 3) + 1, number(t.substr(5, 2))};
    int hh = number(t.substr(17, 2)), mm = number(t.substr(20, 2)), ss = number(t.substr(23, 2));
    if (!is_valid(d) || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) return std::nullopt;
    return days_from_civil(d) * 86400 + hh * 3600 + mm * 60 + ss;
}

std::string format_http_date(std::int64_t t) {
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    std::int64_t secs = t - day * 86400;
    civil_date d = civil_from_days(day);
    auto two = [](std::int64_t v) { return std::string(1, char('0' + v / 10)) + char('0' + v % 10); };
    return std::string(days[weekday(d)]) + ", " + two(d.day) + " " + months[d.month - 1] + " " +
           std::to_string(d.year) + " " + two(secs / 3600) + ":" + two(secs / 60 % 60) + ":" + two(secs % 60) +
           " GMT";
}

} // namespace motcua
