// Form definitions and validation: what a person fills in for a procedure, and every problem
// with what they typed, each tied to its field, in Vietnamese and English. Forms are data (see
// shared/data/catalog/procedures.json); this is the engine that reads them.
#pragma once

#include "shared/core/date.hpp"
#include "shared/core/result.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::forms {

enum class field_kind {
    text,       // one line
    long_text,  // several lines
    number,     // a whole or decimal number
    money,      // VND, whole đồng; typed with or without thousands separators
    date,       // typed d/m/yyyy, stored YYYY-MM-DD
    choice,     // one of the options (a select or radio buttons)
    checkbox,   // "1" when ticked, "" otherwise
    citizen_id, // 12-digit CCCD, structure checked
    old_id,     // 9-digit CMND
    phone,      // a Vietnamese mobile number
    email,
    unit,       // an administrative unit code, valid on the day
    attachment, // a content hash of an attached file
    group,      // a repeating group of sub-fields (several children, several documents)
};

std::string_view kind_name(field_kind k);
std::optional<field_kind> kind_from_name(std::string_view name);

struct choice_option {
    std::string value;
    std::string vi;
    std::string en;
};

// Shown only while another field has a given value (e.g. the marriage certificate only when the
// parents are married). A hidden field is neither required nor submitted.
struct condition {
    std::string field;
    std::string equals;
};

struct field_def {
    std::string id;
    std::string label_vi;
    std::string label_en;
    field_kind kind = field_kind::text;
    bool required = true;
    std::size_t min_length = 0;
    std::size_t max_length = 200; // characters, as a person counts them
    std::string pattern;          // see pattern.hpp; on the normalised value
    std::string pattern_hint_vi;  // what the pattern means, for the message
    std::string pattern_hint_en;
    std::optional<double> min;    // number and money
    std::optional<double> max;
    std::vector<choice_option> options;
    std::string hint_vi;
    std::string hint_en;
    std::optional<condition> visible_if;
    std::string birth_field;      // citizen_id: the date-of-birth field to cross-check
    std::string computed;         // "date_in_words:FIELD", "number_in_words:FIELD": filled, not typed
    std::vector<field_def> fields; // group: the sub-fields of each item
    std::size_t min_items = 0;     // group
    std::size_t max_items = 20;    // group
};

enum class severity { error, warning };

// A rule across fields. Kinds:
//   date_not_after:  `field` ≤ `other` (a field id, or "today") + `days`
//   date_not_before: `field` ≥ `other` + `days`
//   date_within:     `field` within `days` days before `other` (a warning in the birth form:
//                    late registration is allowed but needs more papers)
//   required_one_of: at least one of `fields` is filled
struct rule {
    std::string kind;
    std::string field;
    std::string other;
    int days = 0;
    std::vector<std::string> fields;
    severity level = severity::error;
    std::string message_vi;
    std::string message_en;
};

struct form_def {
    std::uint32_t version = 1;
    std::string title_vi;
    std::string title_en;
    std::vector<field_def> fields;
    std::vector<rule> rules;

    const field_def* find(std::string_view id) const;
};

// Field id → value. A repeating group's items are "group.N.sub" (N from 0), so one flat map
// holds a whole form and encodes canonically.
using values = std::map<std::string, std::string>;

struct field_problem {
    std::string field; // the field id, or "group.N.sub" inside a group
    error message;
    severity level = severity::error;
};

struct validation_context {
    civil_date today;
    // Whether an administrative unit code is valid on a date; empty: the code's shape only.
    std::function<bool(std::string_view code, civil_date on)> unit_exists;
};

// What a person typed, made canonical: NFC, spaces trimmed and collapsed; a date typed as
// d/m/yyyy becomes YYYY-MM-DD; money loses its separators; phone numbers their spaces.
// Fails with a message for the field when it cannot be read at all.
result<std::string> normalize(const field_def& field, std::string_view typed);

// Every problem at once (errors and warnings), in the form's field order, rules last; first of
// all any control character (code "control_character"; a line break is allowed in long_text
// fields only; see shared/protocol/strict_json.hpp for the rest of the rule).
std::vector<field_problem> validate(const form_def& form, const values& normalized,
                                    const validation_context& ctx);
std::vector<field_problem> validate(const form_def& form, const values& normalized, civil_date today);
bool has_errors(const std::vector<field_problem>& problems);

// Fills the computed fields (e.g. the date of birth in words) from the others.
void compute(const form_def& form, values& v);
// Whether a field is shown, given the values (its condition, if any).
bool visible(const field_def& field, const values& v);
// The definition behind a value's key: a field id, or "group.N.sub" for a group item's sub-field.
const field_def* field_for_key(const form_def& form, std::string_view key);
// The number of items a repeating group holds in `v`.
std::size_t group_size(const field_def& group, const values& v);

// A draft made with an older version of a form, carried to a newer one: values of fields that
// still exist (same id and kind) are kept; the others are returned so the person can be told.
struct migration {
    values kept;
    std::vector<std::string> dropped;
};
migration migrate(const values& old_values, const form_def& from, const form_def& to);

} // namespace motcua::forms
