// Vietnamese lunar calendar after Hồ Ngọc Đức ("Lịch Việt Nam", 2000): mean new moons and the
// sun's longitude from Meeus's short series, every day boundary taken at UTC+7.
#include "shared/calendar/lunar.hpp"

#include <cmath>
#include <cstdint>

namespace motcua::calendar {

namespace {

constexpr double pi = 3.14159265358979323846;
constexpr double time_zone = 7.0;                    // hours east of Greenwich (Vietnam)
constexpr double synodic_month = 29.530588853;       // mean days between new moons
constexpr double new_moon_epoch = 2415021.076998695; // JD of the first new moon of 1900
constexpr std::int64_t unix_epoch_jdn = 2440588;     // Julian day number of 1970-01-01

std::int64_t floor_int(double x) {
    return std::int64_t(std::floor(x));
}

std::int64_t jdn_of(civil_date d) {
    return days_from_civil(d) + unix_epoch_jdn;
}
civil_date civil_of(std::int64_t jdn) {
    return civil_from_days(jdn - unix_epoch_jdn);
}

// Julian day (UT) of the k-th new moon after the one of 1900-01-01.
double new_moon(std::int64_t k) {
    const double t = double(k) / 1236.85; // Julian centuries since 1900
    const double t2 = t * t, t3 = t2 * t;
    const double dr = pi / 180;
    double jd1 = 2415020.75933 + 29.53058868 * double(k) + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
    const double m = 359.2242 + 29.10535608 * double(k) - 0.0000333 * t2 - 0.00000347 * t3;
    const double mpr = 306.0253 + 385.81691806 * double(k) + 0.0107306 * t2 + 0.00001236 * t3;
    const double f = 21.2964 + 390.67050646 * double(k) - 0.0016528 * t2 - 0.00000239 * t3;
    double c1 = (0.1734 - 0.000393 * t) * std::sin(m * dr) + 0.0021 * std::sin(2 * dr * m);
    c1 = c1 - 0.4068 * std::sin(mpr * dr) + 0.0161 * std::sin(dr * 2 * mpr);
    c1 = c1 - 0.0004 * std::sin(dr * 3 * mpr);
    c1 = c1 + 0.0104 * std::sin(dr * 2 * f) - 0.0051 * std::sin(dr * (m + mpr));
    c1 = c1 - 0.0074 * std::sin(dr * (m - mpr)) + 0.0004 * std::sin(dr * (2 * f + m));
    c1 = c1 - 0.0004 * std::sin(dr * (2 * f - m)) - 0.0006 * std::sin(dr * (2 * f + mpr));
    c1 = c1 + 0.0010 * std::sin(dr * (2 * f - mpr)) + 0.0005 * std::sin(dr * (2 * mpr + m));
    double delta_t; // ephemeris time minus universal time, in days
    if (t < -11) {
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
    } else {
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
    }
    return jd1 + c1 - delta_t;
}

// The sun's apparent longitude at Julian day jd, in radians, in [0, 2π).
double sun_longitude(double jd) {
    const double t = (jd - 2451545.0) / 36525; // Julian centuries since J2000
    const double t2 = t * t;
    const double dr = pi / 180;
    const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(dr * m);
    dl += (0.019993 - 0.000101 * t) * std::sin(dr * 2 * m) + 0.000290 * std::sin(dr * 3 * m);
    double l = (l0 + dl) * dr;
    l -= pi * 2 * std::floor(l / (pi * 2));
    return l;
}

// The local day (as a Julian day number) on which the k-th new moon falls.
std::int64_t new_moon_day(std::int64_t k) {
    return floor_int(new_moon(k) + 0.5 + time_zone / 24);
}

// Which 30° sector (0..11) the sun is in at the start of local day `jdn`; 9 is the winter solstice.
int sun_sector(std::int64_t jdn) {
    return int(floor_int(sun_longitude(double(jdn) - 0.5 - time_zone / 24) / pi * 6));
}

// The first day of the 11th lunar month of Gregorian year yy: the month holding the winter
// solstice, the anchor of the whole calendar.
std::int64_t month_11_start(int yy) {
    const double off = double(jdn_of({yy, 12, 31})) - 2415021;
    const std::int64_t k = floor_int(off / synodic_month);
    std::int64_t nm = new_moon_day(k);
    if (sun_sector(nm) >= 9) nm = new_moon_day(k - 1);
    return nm;
}

std::int64_t new_moon_index(std::int64_t jdn) {
    return floor_int((double(jdn) - new_moon_epoch) / synodic_month + 0.5);
}

// In a 13-month year starting at month 11 (a11), the offset of the leap month: the first month
// with no major solar term (the sun stays in one sector from its start to the next month's).
int leap_month_offset(std::int64_t a11) {
    const std::int64_t k = new_moon_index(a11);
    int i = 1;
    int arc = sun_sector(new_moon_day(k + i));
    int last;
    do {
        last = arc;
        ++i;
        arc = sun_sector(new_moon_day(k + i));
    } while (arc != last && i < 14);
    return i - 1;
}

// The new-moon number of month (year, month, leap), or -1 if there is no such month. No range
// check: tet() and leap_month() use it for any year.
std::int64_t month_k(int year, int month, bool leap) {
    if (month < 1 || month > 12) return -1;
    std::int64_t a11, b11;
    if (month < 11) {
        a11 = month_11_start(year - 1);
        b11 = month_11_start(year);
    } else {
        a11 = month_11_start(year);
        b11 = month_11_start(year + 1);
    }
    const std::int64_t k = new_moon_index(a11);
    int off = month - 11;
    if (off < 0) off += 12;
    if (b11 - a11 > 365) {
        const int leap_off = leap_month_offset(a11);
        int leap_month = leap_off - 2;
        if (leap_month < 0) leap_month += 12;
        if (leap && month != leap_month) return -1;
        if (leap || off >= leap_off) off += 1;
    } else if (leap) {
        return -1;
    }
    return k + off;
}

bool in_range(int year) {
    return year >= lunar_first_year && year <= lunar_last_year;
}

} // namespace

lunar_date to_lunar(civil_date d) {
    const std::int64_t day = jdn_of(d);
    // The mean-motion estimate of the month can be one off when the true new moon falls near
    // midnight (Đức's published code then answers "day 0", e.g. on 2054-05-07): settle it.
    std::int64_t k = floor_int((double(day) - new_moon_epoch) / synodic_month);
    while (new_moon_day(k) > day)
        --k;
    while (new_moon_day(k + 1) <= day)
        ++k;
    const std::int64_t month_start = new_moon_day(k);
    std::int64_t a11 = month_11_start(d.year);
    std::int64_t b11 = a11;
    int lunar_year;
    if (a11 >= month_start) {
        lunar_year = d.year;
        a11 = month_11_start(d.year - 1);
    } else {
        lunar_year = d.year + 1;
        b11 = month_11_start(d.year + 1);
    }
    lunar_date out;
    out.day = int(day - month_start + 1);
    const int diff = int((month_start - a11) / 29);
    out.month = diff + 11;
    if (b11 - a11 > 365) {
        const int leap_diff = leap_month_offset(a11);
        if (diff >= leap_diff) {
            out.month = diff + 10;
            out.leap = diff == leap_diff;
        }
    }
    if (out.month > 12) out.month -= 12;
    if (out.month >= 11 && diff < 4) lunar_year -= 1;
    out.year = lunar_year;
    return out;
}

std::optional<civil_date> from_lunar(lunar_date d) {
    if (!in_range(d.year) || d.day < 1 || d.day > 30) return std::nullopt;
    const std::int64_t k = month_k(d.year, d.month, d.leap);
    if (k < 0) return std::nullopt;
    const std::int64_t start = new_moon_day(k);
    if (d.day > new_moon_day(k + 1) - start) return std::nullopt;
    return civil_of(start + d.day - 1);
}

civil_date tet(int year) {
    return civil_of(new_moon_day(month_k(year, 1, false)));
}

int leap_month(int year) {
    // Leap months 1..10 lie between month 11 of the year before and month 11 of this year;
    // leap 11 and 12 come after this year's month 11.
    std::int64_t a11 = month_11_start(year - 1), b11 = month_11_start(year);
    if (b11 - a11 > 365) {
        const int off = leap_month_offset(a11);
        if (off >= 3) return off - 2;
    }
    a11 = b11;
    b11 = month_11_start(year + 1);
    if (b11 - a11 > 365) {
        const int off = leap_month_offset(a11);
        if (off <= 2) return off + 10;
    }
    return 0;
}

int lunar_month_length(int year, int month, bool leap) {
    if (!in_range(year)) return 0;
    const std::int64_t k = month_k(year, month, leap);
    if (k < 0) return 0;
    return int(new_moon_day(k + 1) - new_moon_day(k));
}

std::string can_chi_of_year(int year) {
    static const char* const can[] = {"Giáp", "Ất",   "Bính", "Đinh", "Mậu",
                                      "Kỷ",   "Canh", "Tân",  "Nhâm", "Quý"};
    static const char* const chi[] = {"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                      "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
    // 4 AD was Giáp Tý; keep the remainders non-negative for any year.
    const int c = ((year + 6) % 10 + 10) % 10;
    const int z = ((year + 8) % 12 + 12) % 12;
    return std::string(can[c]) + " " + chi[z];
}

std::string describe_vi(const lunar_date& d) {
    std::string s = d.day <= 10 ? "mùng " + std::to_string(d.day) : std::to_string(d.day);
    s += " tháng ";
    if (d.month == 1)
        s += "Giêng";
    else if (d.month == 12)
        s += "Chạp";
    else
        s += std::to_string(d.month);
    if (d.leap) s += " nhuận";
    s += " năm " + can_chi_of_year(d.year);
    return s;
}

} // namespace motcua::calendar
