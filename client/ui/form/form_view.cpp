// The form view: the label, the widget for the field's kind, and its problem, field by field.
#include "client/ui/form/form_view.hpp"

#include "client/ui/form/field_widgets.hpp"
#include "client/ui/widgets.hpp"

#include <imgui.h>

namespace motcua::ui {

namespace form_widgets {

namespace {

// The key whose control takes the focus in this frame (the first problem after a submit).
std::string focus_key;

// The control of a field that takes the focus: a choice's first radio, a group's first sub-field.
std::string focus_target(const form_binding& b, const forms::field_def& f, const std::string& key) {
    const std::string id = "field." + key;
    if (f.kind == forms::field_kind::choice && !f.options.empty() && f.options.size() <= 5)
        return id + "." + f.options.front().value;
    if (f.kind == forms::field_kind::group) {
        if (forms::group_size(f, b.typed) == 0 || f.fields.empty()) return id + ".add";
        return id + ".0." + f.fields.front().id;
    }
    return id;
}

void draw_problem(const form_binding& b, const std::string& key, const std::string& input_id) {
    auto it = b.problems.find(key);
    if (it == b.problems.end()) return;
    const auto& p = it->second;
    const bool warning = p.level == forms::severity::warning;
    text(input_id + (warning ? ".warning" : ".error"), b.lang == language::vi ? p.message.vi : p.message.en,
         warning ? "status" : "error", {}, warning ? colour_warning : colour_error);
}

} // namespace

void draw_label(const field_ctx& c) { ImGui::TextUnformatted(c.label.c_str()); }

bool take_focus_request(const std::string& key) {
    if (focus_key.empty() || focus_key != key) return false;
    focus_key.clear();
    return true;
}

void draw_field(const form_binding& b, form_view_state& state, const forms::field_def& f, const std::string& key) {
    if (!forms::visible(f, b.typed)) return;
    const std::string name(b.lang == language::vi ? f.label_vi : f.label_en);
    field_ctx c{b, state, f, key, "field." + key, name, name + (f.required && f.computed.empty() ? " *" : "")};
    if (take_focus_request(key)) focus_control(focus_target(b, f, key));
    ImGui::Spacing();
    if (!f.computed.empty()) {
        // Filled in by the form itself (e.g. the date of birth in words): shown, never typed.
        draw_label(c);
        const std::string v = b.computed ? b.computed(f.id) : std::string();
        text(c.input_id, v.empty() ? "—" : v, "text", v, colour_muted);
    } else {
        switch (f.kind) {
        case forms::field_kind::checkbox: {
            bool checked = c.value() == "1";
            if (checkbox(c.input_id, name, checked)) c.set(checked ? "1" : "");
            break;
        }
        case forms::field_kind::date: draw_date(c); break;
        case forms::field_kind::choice: draw_choice(c); break;
        case forms::field_kind::unit: draw_unit(c); break;
        case forms::field_kind::attachment: draw_attachment(c); break;
        case forms::field_kind::group: draw_group(c); break;
        default: draw_text_like(c); break;
        }
    }
    draw_problem(b, key, c.input_id);
}

} // namespace form_widgets

std::string first_problem_key(const form_binding& b) {
    if (b.problems.empty()) return {};
    auto has = [&](const std::string& k) { return b.problems.count(k) != 0; };
    for (const auto& f : b.form.fields) {
        if (!forms::visible(f, b.typed)) continue;
        if (f.kind == forms::field_kind::group) {
            const std::size_t n = forms::group_size(f, b.typed);
            for (std::size_t i = 0; i < n; ++i) {
                const std::string row = f.id + "." + std::to_string(i);
                if (has(row)) return row;
                for (const auto& sub : f.fields)
                    if (has(row + "." + sub.id)) return row + "." + sub.id;
            }
        }
        if (has(f.id)) return f.id;
    }
    return {};
}

void draw_form_fields(const form_binding& b, form_view_state& state) {
    form_widgets::focus_key.clear();
    if (state.focus_first_problem) {
        form_widgets::focus_key = first_problem_key(b);
        state.focus_first_problem = false;
    }
    for (const auto& f : b.form.fields) form_widgets::draw_field(b, state, f, f.id);
    form_widgets::focus_key.clear();
}

} // namespace motcua::ui
