// The written forms of the one-stop rules, as data tied to the rule set in force on a day:
// Decree 61/2018 with Circular 01/2018/TT-VPCP (six forms), then Decree 118/2025 with Circular
// 03/2025/TT-VPCP from 1/7/2025 (seven forms, list not yet checked against the text: unconfirmed).
#pragma once

#include "shared/core/date.hpp"
#include "shared/workflow/vocabulary.hpp"

#include <string>
#include <vector>

namespace motcua::workflow {

struct form_info {
    form_kind kind;
    std::string number; // "01", as printed on the form ("Mẫu số 01")
    std::string vi;     // the form's title
    std::string en;
};

struct rule_set {
    std::string id;           // stable, stored with each issued document: "nd61-2018"
    std::string decree;       // "Nghị định 61/2018/NĐ-CP"
    std::string circular;     // "Thông tư 01/2018/TT-VPCP"
    civil_date from;          // in force from this day
    bool unconfirmed = false; // the form list is reported, not checked against the published text
    std::vector<form_info> forms;
};

// The built-in rule sets, oldest first. Data loaded elsewhere may replace them: every function
// here takes the sets to use.
const std::vector<rule_set>& default_rule_sets();

// The set in force on `d`: the latest one that started on or before `d`; for a day before all of
// them, the oldest (the system knows no earlier rules). An empty list gives an empty set.
const rule_set& rule_set_in_force(civil_date d,
                                  const std::vector<rule_set>& sets = default_rule_sets());
const std::vector<form_info>&
forms_in_force(civil_date d, const std::vector<rule_set>& sets = default_rule_sets());
// nullptr when the set has no such form (e.g. no stop notice before 1/7/2025).
const form_info* find_form(const rule_set& set, form_kind kind);

} // namespace motcua::workflow
