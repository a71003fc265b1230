#include "client/ui/screens/screen_table.hpp"

#include "client/ui/screens/settings_screen.hpp"

namespace motcua::ui {

namespace {
constexpr screen_def table[] = {
    {"home", text_key::app_title, draw_citizen_screen, audience::anyone},
    {"settings", text_key::settings, draw_settings_screen, audience::anyone},
};
} // namespace

std::span<const screen_def> screens() { return table; }

const screen_def* find_screen(std::string_view id) {
    for (const auto& s : table)
        if (s.id == id) return &s;
    return nullptr;
}

} // namespace motcua::ui
