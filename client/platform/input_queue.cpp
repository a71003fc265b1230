// Feeding queued page events to ImGui's IO, one frame's worth at a time.
#include "client/platform/input_queue.hpp"

#include "client/ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <bitset>
#include <cmath>

namespace motcua::platform {

void input_queue::apply_one_frame() {
    ImGuiIO& io = ImGui::GetIO();
    std::bitset<512> keys_changed;
    bool buttons_changed[5] = {};
    bool key_seen = false;
    while (!events_.empty()) {
        input_event& e = events_.front();
        switch (e.kind) {
        case input_event::type::mouse_move:
            // A move right after a press or release waits a frame: a finger lifted off a button
            // must still be over it when ImGui sees the release.
            if (buttons_changed[0] || buttons_changed[1] || buttons_changed[2]) return;
            io.MousePos = ImVec2(e.x, e.y);
            break;
        case input_event::type::mouse_button: {
            if (e.code < 0 || e.code >= 5) break;
            if (buttons_changed[e.code]) return; // the next frame sees this change
            buttons_changed[e.code] = true;
            io.MousePos = ImVec2(e.x, e.y);
            io.MouseDown[e.code] = e.down;
            break;
        }
        case input_event::type::wheel:
            io.MouseWheelH += e.x;
            io.MouseWheel += e.y;
            break;
        case input_event::type::scroll_pixels:
            ui::scroll_by(e.y); // the screen's window takes it, hovered or not
            break;
        case input_event::type::key: {
            if (e.code < 0 || e.code >= 512) break;
            if (keys_changed[std::size_t(e.code)]) return;
            keys_changed[std::size_t(e.code)] = true;
            key_seen = true;
            io.KeysDown[e.code] = e.down;
            io.KeyCtrl = e.mods & 1;
            io.KeyShift = e.mods & 2;
            io.KeyAlt = e.mods & 4;
            io.KeySuper = e.mods & 8;
            break;
        }
        case input_event::type::text:
            if (key_seen) return;
            // The page sends text only for text (typed, composed, pasted): never a shortcut. A Ctrl
            // still down from Ctrl+V must not make ImGui drop the pasted text as one.
            if (!io.KeyAlt) io.KeyCtrl = io.KeySuper = false;
            io.AddInputCharactersUTF8(e.text.c_str());
            break;
        case input_event::type::preedit:
            if (key_seen) return;
            ui::compose(e.text); // shown in the field being edited (widgets.cpp)
            break;
        case input_event::type::select_word:
            ui::select_word_at_caret(); // after the press that put the caret there
            break;
        case input_event::type::focus_lost:
            for (bool& k : io.KeysDown) k = false;
            for (bool& b : io.MouseDown) b = false;
            io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
            break;
        }
        events_.pop_front();
    }
}

} // namespace motcua::platform
