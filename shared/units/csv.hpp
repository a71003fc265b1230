// Reading the unit lists (CSV `code,name,type,parent_code`, UTF-8, codes as text) into a
// unit_set. Pure: the caller reads the file and passes its text in.
#pragma once

#include "shared/units/unit.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace motcua::units {

struct csv_record {
    std::size_t line = 0; // the line the record starts on (1 = first line)
    std::vector<std::string> fields;
};

// RFC 4180 records: fields separated by ',', records by CRLF or LF; a field in double quotes
// may hold commas, line breaks and doubled quotes (""). A UTF-8 byte order mark at the start is
// skipped; empty lines are skipped. Error (units_csv_quote) on a stray or unclosed quote.
result<std::vector<csv_record>> parse_csv(std::string_view text);

// The whole list as one structure's unit_set. Errors, each with its line number:
//   units_csv_header       the first line is not exactly code,name,type,parent_code
//   units_csv_columns      a line without exactly 4 fields
//   units_csv_quote        a quote out of place or never closed
//   units_empty_field      empty code, name or type
//   units_code_not_digits  a code or parent code with anything but 0–9
//   units_bad_utf8         a name or type that is not UTF-8
//   units_duplicate_code   a code that appears twice
//   units_unknown_parent   a parent code that is not in the list
//   units_cycle            parents that loop back without reaching a province
//   units_too_deep         more levels than the structure has
//   units_code_length      a code whose length does not match its level (2, 3, 5 digits)
//   units_empty            no unit at all
result<unit_set> parse_units_csv(std::string_view csv_text, structure_info structure);

} // namespace motcua::units
