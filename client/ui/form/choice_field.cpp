// A choice: a column of radio buttons for a few options; for many, a button that opens a list
// with a search box that forgives missing diacritics.
#include "client/ui/form/field_widgets.hpp"

#include "client/ui/ui_items.hpp"
#include "client/ui/widgets.hpp"
#include "shared/text/search_key.hpp"

#include <imgui.h>

namespace motcua::ui::form_widgets {

namespace {

constexpr std::size_t most_radios = 5;

bool radios(const field_ctx& c, const std::string& query) {
    const std::string want = text::search_key(query);
    bool any = false;
    for (const auto& o : c.f.options) {
        const std::string_view shown = c.pick(o.vi, o.en);
        if (!want.empty() && text::search_key(shown).find(want) == std::string::npos) continue;
        any = true;
        if (radio(c.input_id + "." + o.value, shown, c.value() == o.value)) {
            c.set(o.value);
            c.close_picker();
        }
    }
    return any;
}

} // namespace

void draw_choice(const field_ctx& c) {
    // The question, as an item of its own: the radios' group name for a screen reader.
    text(c.input_id, c.label, "text", c.value());
    current_items().mark_required(c.f.required);
    if (c.f.options.size() <= most_radios) {
        radios(c, {});
        return;
    }
    std::string shown(c.say(text_key::choose));
    for (const auto& o : c.f.options)
        if (o.value == c.value()) shown = c.pick(o.vi, o.en);
    if (button(c.input_id + ".open", c.open() ? std::string(c.say(text_key::close)) : shown)) {
        if (c.open()) c.close_picker();
        else c.open_picker();
    }
    if (!c.open()) return;
    text_field(c.input_id + ".search", c.say(text_key::search_hint), c.state.query, c.say(text_key::search_hint));
    if (!radios(c, c.state.query)) text(c.input_id + ".none", c.say(text_key::no_matches), "status", {}, colour_muted);
}

} // namespace motcua::ui::form_widgets
