// Numbers, dates and sums of money in Vietnamese words, as officials write them on forms
// ("ghi bằng chữ"): the date of birth on a birth registration, the amount on a fee receipt.
#pragma once

#include "shared/core/date.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace motcua::text {

// The northern, written convention used in official documents: "nghìn" (not "ngàn"), "linh"
// (not "lẻ") for a zero tens digit, "tỷ"; after "mươi" 1 is "mốt", 4 is "tư" and 5 is "lăm"
// (after "mười" 5 is "lăm" too); a group after a larger one is read in full, so
// 1005 → "một nghìn không trăm linh năm"; groups that are all zeros are skipped
// (1000005 → "một triệu không trăm linh năm"). Beyond a billion, "tỷ" repeats
// (10^12 → "một nghìn tỷ"). Negatives start with "âm". Lowercase, one space between words.
std::string number_in_words(std::int64_t n);

// The date of birth in words in the style of the Circular 04/2020/TT-BTP forms:
// 2025-09-05 → "Ngày năm, tháng chín, năm hai nghìn không trăm hai mươi lăm".
// Choices, kept consistent: the day is the plain number (no "mùng", which belongs to speech);
// the months are "tháng một" … "tháng mười hai", with "tháng tư" for April (as written in
// documents) and "tháng một", not "tháng giêng" (giêng names the first lunar month).
// An invalid date gives an empty string.
std::string date_in_words(civil_date d);

// An amount in Vietnamese đồng: 50000 → "năm mươi nghìn đồng".
std::string money_in_words(std::int64_t vnd);

// The same text with its first letter in upper case (forms start the words with a capital:
// "Năm mươi nghìn đồng"). Handles Vietnamese letters with marks; the result is NFC.
std::string capitalize_first(std::string_view utf8);

} // namespace motcua::text
