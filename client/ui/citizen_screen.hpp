// The citizen's one screen in the walking skeleton: the birth registration form with its
// draft state, and the list of submitted dossiers with their sync state.
#pragma once

#include "client/app/citizen_app.hpp"
#include "client/app/navigator.hpp"
#include "client/app/preferences.hpp"
#include "client/ui/form/form_view.hpp"
#include "client/ui/ui_text.hpp"

#include <functional>
#include <optional>

namespace motcua::ui {

// What the platform tells the screens, the person's preferences, and the intents screens raise
// for the platform to carry out (open a screen, go back, pick a file, take the update).
struct screen_state {
    language lang = language::vi; // follows prefs.english
    client::preferences prefs;
    bool prefs_changed = false;            // intent: keep the preferences and apply them
    std::optional<client::route> open;     // intent: open this screen
    bool go_back = false;                  // intent: back one screen (through the browser's history)
    std::string notice;                    // a short message from the platform (e.g. "back again to leave")
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
    const units::registry* units_registry = nullptr; // for unit fields; null when none is loaded
    form_view_state form_view;                        // the form's open picker and focus request
};

// The home screen: the birth registration form and the dossiers sent.
void draw_citizen_screen(client::citizen_app& app, screen_state& state);

// The frame every screen draws in: a full-screen window with a readable line length. `body`
// draws the screen's content.
void draw_screen_frame(const char* window_id, screen_state& s, const std::function<void()>& body);

} // namespace motcua::ui
