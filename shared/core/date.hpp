// Civil (Gregorian) dates and the Vietnamese local day of an instant. No clock here:
// callers pass the time in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua {

struct civil_date {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31
    friend auto operator<=>(const civil_date&, const civil_date&) = default;
};

// Days since 1970-01-01 (negative before), and back.
std::int64_t days_from_civil(civil_date d);
civil_date civil_from_days(std::int64_t days);
// 0 = Sunday … 6 = Saturday.
int weekday(civil_date d);
civil_date add_days(civil_date d, std::int64_t n);
bool is_valid(civil_date d);

// Vietnam keeps UTC+7 all year.
constexpr std::int64_t vietnam_utc_offset_seconds = 7 * 3600;
civil_date vietnam_date_of(std::int64_t unix_seconds);

std::string to_iso(civil_date d);                       // YYYY-MM-DD
std::optional<civil_date> parse_iso_date(std::string_view s);
std::string to_vn(civil_date d);                        // DD/MM/YYYY, as forms print it
// Accepts d/m/yyyy with '/', '-' or '.' between, as people type it.
std::optional<civil_date> parse_vn_date(std::string_view s);

} // namespace motcua
