// The form view: draws any form of shared/forms with a widget for each field kind, the problems
// beside their fields, and the pickers (calendar, searchable list, administrative units). Any
// screen can call it: the citizen's filing, the officer's assisted filing, the classroom demo.
// It knows nothing of drafts or submitting; the binding says where values live and who is told.
//
// Item ids, which tests and the screen-reader mirror rely on: "field.<key>" for a field's control
// (key: the field id, or "group.N.sub" inside a repeating group), "field.<key>.<value>" for a
// choice's radios, "field.<key>.error" / ".warning" for its problem (web_a11y.js ties them to
// the control), and "field.<key>.<part>" for a widget's other controls (".calendar", ".words").
#pragma once

#include "client/ui/ui_text.hpp"
#include "shared/core/date.hpp"
#include "shared/forms/form.hpp"
#include "shared/units/registry.hpp"

#include <functional>
#include <map>
#include <string>

namespace motcua::ui {

struct form_binding {
    const forms::form_def& form;
    forms::values& typed; // what the person typed, by key (edited in place)
    const std::map<std::string, forms::field_problem>& problems;
    std::function<void(const std::string& key)> edited;        // after a value changed
    std::function<std::string(const std::string& id)> computed; // a computed field's value
    language lang = language::vi;
    civil_date today;                          // the calendar's today; units in force on it
    const units::registry* units = nullptr;    // null: unit fields take a typed code
    // Attachment fields: ask the platform for a file for this key; the name of a stored file.
    std::function<void(const std::string& key)> pick_attachment = {};
    std::function<std::string(const std::string& hash)> attachment_name = {};
};

// What the view remembers between frames: one picker open at a time.
struct form_view_state {
    std::string open;        // key of the field whose picker is open; "" when none is
    std::string query;       // the open picker's search text
    std::string unit_parent; // the unit whose children the unit picker lists; "" for provinces
    int shown_year = 0, shown_month = 0; // the calendar's page
    // Set by the screen after a submit that found problems: the first one, in reading order, gets
    // the focus and is scrolled into view in the next frame.
    bool focus_first_problem = false;
};

// Draws every visible field of the form, in order.
void draw_form_fields(const form_binding& b, form_view_state& state);

// The key of the first problem in reading order among the form's fields ("" if none is tied to
// a field), as draw_form_fields focuses it.
std::string first_problem_key(const form_binding& b);

} // namespace motcua::ui
