// Shown by a tab that does not own the local store (another tab does): says so plainly and offers
// to take over; the owner saves and lets go first (client/platform/web_pre.js).
#pragma once

#include "client/ui/ui_text.hpp"

namespace motcua::ui {

// Returns true when the person asks to use the app here.
bool draw_elsewhere_screen(language lang, bool taking_over);

} // namespace motcua::ui
