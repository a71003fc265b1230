// Contact details on forms: Vietnamese mobile numbers (with the 2018–2019 renumbering of the old
// 11-digit numbers) and e-mail addresses.
#pragma once

#include "shared/core/result.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::identity {

struct phone_check {
    bool valid = false;
    std::string normalized;                // 0xxxxxxxxx when valid, else empty
    std::optional<std::string> suggestion; // the number the person most likely means
    std::vector<error> problems;
};

// A mobile number: 10 digits 0(3|5|7|8|9)xxxxxxxx, or the same with +84, 84 or 0084 instead of
// the leading 0; spaces, dots, dashes and parentheses are accepted between digits. An old
// 11-digit number (01xx…) gets its new number as the suggestion, and so does +84 followed by
// the leading 0 or a number missing its leading 0. Landlines (02…) and foreign numbers are
// reported as not Vietnamese mobile numbers.
phone_check check_phone(std::string_view number);

// The prefixes of 11-digit mobile numbers and the 10-digit prefixes that replaced them
// (Ministry of Information and Communications, 2018–2019), e.g. 0162 → 032.
struct renumbered_prefix {
    std::string_view old_prefix;
    std::string_view new_prefix;
    std::string_view carrier;
};
std::span<const renumbered_prefix> renumbered_mobile_prefixes();

// A pragmatic check of an e-mail address: exactly one @; a local part of 1–64 bytes without
// spaces, not starting or ending with a dot nor holding two dots in a row; a domain of at most
// 253 bytes with a dot, labels of 1–63 bytes made of letters (any script, as UTF-8), digits and
// inner hyphens; 254 bytes at most in all; valid UTF-8, no spaces or control characters.
status check_email(std::string_view address);

} // namespace motcua::identity
