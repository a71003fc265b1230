// Settings: language, text size, contrast, and what this device stores.
#pragma once

#include "client/ui/citizen_screen.hpp"

namespace motcua::ui {

void draw_settings_screen(client::citizen_app& app, screen_state& s);

} // namespace motcua::ui
