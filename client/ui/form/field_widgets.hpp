// The form view's widgets, one file per field kind (form_view.cpp picks one for each field).
// Internal to client/ui/form.
#pragma once

#include "client/ui/form/form_view.hpp"

#include <string>
#include <string_view>

namespace motcua::ui::form_widgets {

// One field being drawn: where its value lives and what it is called.
struct field_ctx {
    const form_binding& b;
    form_view_state& state;
    const forms::field_def& f;
    std::string key;      // the value's key: the field id, or "group.N.sub"
    std::string input_id; // "field.<key>"
    std::string name;     // the label in the person's language
    std::string label;    // the name, with " *" when it must be filled

    std::string_view pick(std::string_view vi, std::string_view en) const {
        return b.lang == language::vi ? vi : en;
    }
    std::string_view say(text_key k) const { return text(k, b.lang); }
    std::string& value() const { return b.typed[key]; }
    void set(std::string v) const {
        b.typed[key] = std::move(v);
        b.edited(key);
    }
    bool open() const { return state.open == key; }
    void open_picker() const {
        state.open = key;
        state.query.clear();
        state.unit_parent.clear();
        state.shown_year = state.shown_month = 0;
    }
    void close_picker() const { state.open.clear(); }
};

void draw_label(const field_ctx& c);
// Whether the first problem after a submit is this key (once): the caller focuses its control.
bool take_focus_request(const std::string& key);
void draw_text_like(const field_ctx& c); // text, long text, number, money, IDs, phone, email
void draw_date(const field_ctx& c);
void draw_choice(const field_ctx& c);
void draw_unit(const field_ctx& c);
void draw_attachment(const field_ctx& c);
void draw_group(const field_ctx& c);

// Any field by its kind, with its label and problem (form_view.cpp); groups call it for each
// sub-field of each row.
void draw_field(const form_binding& b, form_view_state& state, const forms::field_def& f, const std::string& key);

} // namespace motcua::ui::form_widgets
