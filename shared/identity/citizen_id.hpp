// Personal ID numbers (số định danh cá nhân, the number on the citizen ID card, CCCD) and the
// old 9-digit ID card numbers (CMND): every problem of a typed number at once, and a masked form
// for logs, which must never hold a full number.
#pragma once

#include "shared/core/date.hpp"
#include "shared/core/result.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::identity {

// What a 12-digit number says (Circular 07/2016/TT-BCA Art. 7):
// PPP G YY NNNNNN, the province of birth registration, sex and century, the last two digits
// of the birth year, and a random part. There is no check digit.
struct citizen_id_info {
    std::string province_code; // PPP
    std::string province_name; // empty when PPP is not in the table
    char sex = 'M';            // 'M' or 'F'
    int birth_year = 0;
};

enum class id_kind { citizen_id, old_id };

struct id_check {
    id_kind kind = id_kind::citizen_id;
    std::string normalized;              // the digits, without the spaces, dots, dashes typed
    std::optional<citizen_id_info> info; // set whenever a citizen ID has 12 digits
    std::vector<error> problems;         // every problem found, in reading order
    bool valid() const { return problems.empty(); }
};

// Checks a 12-digit personal ID number. Spaces, dots and dashes between the digits are
// accepted. Reports, together: a missing number, characters other than digits, a wrong
// length, a province code not in the table, and, when today is given, a century that has
// not begun or a birth year still to come; when birth (the declared date of birth) is given
// and valid, a century or a birth year that does not match it. Numbers of citizens whose
// birth was registered abroad carry a country code instead of PPP; those codes are not in
// the table (unconfirmed) and are reported as unknown.
id_check check_citizen_id(std::string_view number, std::optional<civil_date> birth = std::nullopt,
                          std::optional<civil_date> today = std::nullopt);

// Checks an old ID card number (chứng minh nhân dân): 9 digits. Nothing else is encoded in
// a way that can be checked.
id_check check_old_id(std::string_view number);

// For an ID field that takes either: 9 digits are checked as an old ID card number,
// anything else as a personal ID number.
id_check check_id_number(std::string_view number, std::optional<civil_date> birth = std::nullopt,
                         std::optional<civil_date> today = std::nullopt);

// The number as logs may show it: only the last 3 digits ("*********123"). Separators and
// other characters are dropped; with fewer than 9 digits every digit is masked.
std::string mask_citizen_id(std::string_view number);

// The province codes of birth registration: the 63 provinces before the 2025 merger (numbers
// already issued keep them), in code order.
struct birth_province {
    std::string_view code;
    std::string_view name;
};
std::span<const birth_province> birth_provinces();
std::optional<std::string_view> birth_province_name(std::string_view code);

} // namespace motcua::identity
