// Every screen of the app in one table: its id (the `#/id` of links), its title, what draws it,
// and who may open it. The platform draws the navigator's current screen from here.
#pragma once

#include "client/ui/citizen_screen.hpp"

#include <span>
#include <string_view>

namespace motcua::ui {

enum class audience { anyone, citizen, officer };

struct screen_def {
    std::string_view id;
    text_key title;
    void (*draw)(client::citizen_app&, screen_state&);
    audience who;
};

std::span<const screen_def> screens();
const screen_def* find_screen(std::string_view id); // null: no such screen

} // namespace motcua::ui
