// An administrative unit: a picker over the structure in force on the form's date. Typing
// searches every unit by name without needing diacritics; with nothing typed, the list starts
// at the provinces and a tap on a unit that has units under it opens them.
#include "client/ui/form/field_widgets.hpp"

#include "client/ui/widgets.hpp"

#include <imgui.h>

namespace motcua::ui::form_widgets {

namespace {

// "Phường Quang Trung, Quận Hà Đông, Thành phố Hà Nội".
std::string full_name(const units::registry& r, const units::admin_unit& u) {
    std::string out;
    for (const auto* p : r.path_to_root(u)) {
        if (!out.empty()) out += ", ";
        out += p->name;
    }
    return out;
}

void choose(const field_ctx& c, const units::admin_unit& u) {
    c.set(std::string(u.code));
    c.close_picker();
}

void draw_search_results(const field_ctx& c, const units::registry& r) {
    const auto found = r.search(c.state.query, c.b.today, 20);
    if (found.empty()) text(c.input_id + ".none", c.say(text_key::no_matches), "status", {}, colour_muted);
    for (const auto& m : found)
        if (button(c.input_id + ".option." + std::string(m.found->code), full_name(r, *m.found), true, -1))
            choose(c, *m.found);
}

void draw_tree(const field_ctx& c, const units::registry& r, const units::unit_set& set) {
    const units::admin_unit* parent = c.state.unit_parent.empty() ? nullptr : set.find(c.state.unit_parent);
    std::span<const units::admin_unit> list = parent ? set.children(*parent) : set.units().first(set.root_count());
    if (parent) {
        if (button(c.input_id + ".up", c.say(text_key::up_one_level))) {
            const auto* grand = set.parent(*parent);
            c.state.unit_parent = grand ? std::string(grand->code) : std::string();
        }
        const std::string pick_parent = std::string(c.say(text_key::choose_this_unit)) + " " + std::string(parent->name);
        if (button(c.input_id + ".option." + std::string(parent->code), pick_parent, true, -1)) choose(c, *parent);
        text(c.input_id + ".under", full_name(r, *parent), "heading");
    }
    for (const auto& u : list) {
        const bool has_children = !set.children(u).empty();
        const std::string label = std::string(u.name) + (has_children ? " →" : "");
        if (button(c.input_id + (has_children ? ".into." : ".option.") + std::string(u.code), label, true, -1)) {
            if (has_children) c.state.unit_parent = std::string(u.code);
            else choose(c, u);
        }
    }
}

} // namespace

void draw_unit(const field_ctx& c) {
    draw_label(c);
    const units::registry* r = c.b.units;
    const units::unit_set* set = r ? r->structure_in_force(c.b.today) : nullptr;
    if (!set) {
        // No unit data on this device: the code is typed, and checked for its shape only.
        if (text_field(c.input_id, c.name, c.value(), c.say(text_key::units_unavailable), c.f.required,
                       input_mode::numeric))
            c.b.edited(c.key);
        return;
    }
    const units::admin_unit* chosen = c.value().empty() ? nullptr : r->find(c.value(), c.b.today);
    std::string shown = chosen ? full_name(*r, *chosen) : std::string(c.say(text_key::choose));
    if (!chosen && !c.value().empty()) shown = c.value(); // a code from an older structure: shown as it is
    if (button(c.input_id, c.open() ? std::string(c.say(text_key::close)) : shown, true, -1)) {
        if (c.open()) c.close_picker();
        else c.open_picker();
    }
    if (!c.open()) return;
    text_field(c.input_id + ".search", c.say(text_key::search_hint), c.state.query, c.say(text_key::search_hint));
    if (c.state.query.find_first_not_of(' ') != std::string::npos) draw_search_results(c, *r);
    else draw_tree(c, *r, *set);
}

} // namespace motcua::ui::form_widgets
