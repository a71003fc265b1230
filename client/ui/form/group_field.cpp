// A repeating group (the members of a company, the children of a family): each row's sub-fields
// under a numbered heading, with buttons to move the row up or down or remove it, and one to add
// a row while the form allows more.
#include "client/ui/form/field_widgets.hpp"

#include "client/ui/widgets.hpp"
#include "shared/forms/groups.hpp"

#include <imgui.h>

#include <vector>

namespace motcua::ui::form_widgets {

namespace {

// The problems of the group's rows were found for the rows as they were: moving or removing
// rows clears them (each key is told it was edited), so none is shown beside the wrong row.
void rows_changed(const field_ctx& c) {
    std::vector<std::string> stale;
    const std::string prefix = c.f.id + ".";
    for (const auto& [k, p] : c.b.problems)
        if (k.compare(0, prefix.size(), prefix) == 0) stale.push_back(k);
    for (const auto& k : stale) c.b.edited(k);
    c.b.edited(c.f.id);
}

} // namespace

void draw_group(const field_ctx& c) {
    text(c.input_id, c.label, "heading");
    const std::size_t n = forms::group_size(c.f, c.b.typed);
    enum class op { none, up, down, remove } todo = op::none;
    std::size_t at = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string row = c.f.id + "." + std::to_string(i);
        const std::string row_id = "field." + row;
        ImGui::PushID(int(i));
        ImGui::Separator();
        text(row_id, c.name + " — " + std::string(c.say(text_key::item_number)) + " " + std::to_string(i + 1), "heading");
        if (take_focus_request(row) && !c.f.fields.empty()) focus_control(row_id + "." + c.f.fields.front().id);
        ImGui::Indent();
        for (const auto& sub : c.f.fields) draw_field(c.b, c.state, sub, row + "." + sub.id);
        if (auto it = c.b.problems.find(row); it != c.b.problems.end())
            text(row_id + ".error", c.b.lang == language::vi ? it->second.message.vi : it->second.message.en, "error",
                 {}, colour_error);
        ImGui::Spacing();
        if (button(row_id + ".move_up", c.say(text_key::move_up), i > 0)) todo = op::up, at = i;
        ImGui::SameLine();
        if (button(row_id + ".move_down", c.say(text_key::move_down), i + 1 < n)) todo = op::down, at = i;
        ImGui::SameLine();
        if (button(row_id + ".remove_item", c.say(text_key::remove_item))) todo = op::remove, at = i;
        ImGui::Unindent();
        ImGui::PopID();
    }
    // Applied after the rows are drawn, so no row is drawn half moved.
    switch (todo) {
    case op::none: break;
    case op::up: forms::move_group_item(c.f, c.b.typed, at, at - 1); rows_changed(c); break;
    case op::down: forms::move_group_item(c.f, c.b.typed, at, at + 1); rows_changed(c); break;
    case op::remove: forms::remove_group_item(c.f, c.b.typed, at); rows_changed(c); break;
    }
    ImGui::Spacing();
    const std::string add = std::string(c.say(text_key::add_item)) + ": " + c.name;
    if (button(c.input_id + ".add", add, n < c.f.max_items) && forms::add_group_item(c.f, c.b.typed)) {
        rows_changed(c);
        if (!c.f.fields.empty()) focus_control(c.input_id + "." + std::to_string(n) + "." + c.f.fields.front().id);
    }
}

} // namespace motcua::ui::form_widgets
