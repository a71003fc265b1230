// Dossier codes, Circular 01/2018/TT-VPCP Art. 19: <agency code>-YYMMDD-NNNN, where NNNN is
// the receiving agency's sequence number for that day. Allocating the number is the store's job.
#pragma once

#include "shared/core/date.hpp"
#include "shared/core/result.hpp"

#include <string>
#include <string_view>

namespace motcua::dossier {

constexpr int max_daily_sequence = 9999;

struct dossier_code {
    std::string agency;
    civil_date received;
    int sequence = 1; // 1..9999
    friend bool operator==(const dossier_code&, const dossier_code&) = default;
};

// The identifier shape of Circular 10/2016/TT-BTTTT, e.g. 000.00.10.H26: three groups of
// digits (3, 2, 2) and a letter with two digits, dot-separated.
bool is_valid_agency_code(std::string_view code);

// Fails when the agency code is malformed, the date is outside 2000..2099, or the
// sequence is outside 1..9999 (the form has room for four digits only).
result<std::string> format_dossier_code(const dossier_code& code);
result<dossier_code> parse_dossier_code(std::string_view text);

} // namespace motcua::dossier
