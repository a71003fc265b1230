// Form definitions and validation: what a person fills in for a procedure, and every problem
// with what they typed, each tied to its field, in Vietnamese and English.
#pragma once

#include "shared/core/date.hpp"
#include "shared/core/result.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::forms {

enum class field_kind { text, date, choice };

struct choice_option {
    std::string_view value;
    std::string_view vi;
    std::string_view en;
};

struct field_def {
    std::string_view id;
    std::string_view label_vi;
    std::string_view label_en;
    field_kind kind = field_kind::text;
    bool required = true;
    std::size_t max_length = 200; // in characters, as a person counts them
    std::vector<choice_option> options;
    std::string_view hint_vi = {};
    std::string_view hint_en = {};
};

struct form_def {
    std::string_view procedure;
    std::uint32_t version = 1;
    std::string_view title_vi;
    std::string_view title_en;
    std::vector<field_def> fields;
    const field_def* find(std::string_view id) const;
};

using values = std::map<std::string, std::string>;

struct field_problem {
    std::string field;
    error message;
};

// What a person typed, made canonical: NFC, spaces trimmed and collapsed; a date typed as
// d/m/yyyy becomes YYYY-MM-DD. Fails with a message for the field when it cannot be read.
result<std::string> normalize(const field_def& field, std::string_view typed);

// Every problem at once, in the form's field order. `today` is the receiving side's date.
std::vector<field_problem> validate(const form_def& form, const values& normalized, civil_date today);

} // namespace motcua::forms
