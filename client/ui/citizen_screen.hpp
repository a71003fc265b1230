// The citizen's one screen in the walking skeleton: the birth registration form with its
// draft state, and the list of submitted dossiers with their sync state.
#pragma once

#include "client/app/citizen_app.hpp"
#include "client/ui/ui_text.hpp"

namespace motcua::ui {

struct screen_state {
    language lang = language::vi;
    bool online = true;
    bool storage_persistent = true;
    std::uint64_t storage_used_bytes = 0; // what the browser says this app stores
    std::int64_t now_ms = 0;
    std::string toast; // a short confirmation shown under the submit button
    bool update_waiting = false; // a new app version is installed and waits for the person
    bool apply_update = false;   // set when they ask for it
    bool pick_file = false;      // set when they ask to attach a file; the platform opens its picker
    std::size_t procedures = 0;  // what data this build carries, for the footer
    std::size_t units = 0;
};

void draw_citizen_screen(client::citizen_app& app, screen_state& state);

} // namespace motcua::ui
