// Input events from the page, queued and fed to ImGui 1.86 frame by frame. ImGui samples key
// and button state once per frame, so a press and release inside one frame (on-screen
// keyboards, test drivers, fast typists) would be lost; here every change is seen for at least
// one frame, and text typed after a key in the same frame waits for the next (ImGui applies a
// frame's characters before its keys).
#pragma once

#include <deque>
#include <string>

namespace motcua::platform {

struct input_event {
    enum class type { mouse_move, mouse_button, wheel, scroll_pixels, key, text, preedit, select_word, focus_lost } kind;
    float x = 0, y = 0;  // mouse position, wheel deltas, or (y) framebuffer pixels to scroll
    int code = 0;        // mouse button, or key code (DOM keyCode)
    bool down = false;
    int mods = 0;        // 1 ctrl, 2 shift, 4 alt, 8 super
    std::string text;    // UTF-8
};

class input_queue {
  public:
    void push(input_event e) { events_.push_back(std::move(e)); }
    bool empty() const { return events_.empty(); }
    // Applies what fits in one frame to ImGui's IO; keeps the rest for the next frames.
    void apply_one_frame();

  private:
    std::deque<input_event> events_;
};

} // namespace motcua::platform
