// What the UI drew this frame, item by item: a stable id, a human label, a role (kind), a
// value, its rectangle and whether it is enabled. Browser tests read it as globalThis.motcuaUi,
// and a screen reader mirror will read the same list. Recording is a vector push per widget;
// turning it into JSON happens only when somebody asks.
#pragma once

#include <string>
#include <vector>

namespace motcua::ui {

struct ui_item {
    std::string id;
    std::string label;
    std::string kind; // button, input, radio, checkbox, text, heading, status, listitem
    std::string value;
    float x = 0, y = 0, w = 0, h = 0; // framebuffer pixels; the platform converts to CSS pixels
    bool enabled = true;
    bool required = false; // a field that must be filled
    bool visible = true;   // on screen; the screen-reader mirror also takes those scrolled away
};

class ui_items {
  public:
    void begin_frame() {
        items_.clear();
        text_input_active_ = false;
    }
    void add(ui_item item) { items_.push_back(std::move(item)); }
    void mark_required(bool required) { items_.back().required = required; }
    const std::vector<ui_item>& items() const { return items_; }
    // `all`: the items scrolled out of view too (the mirror's); otherwise those on screen.
    std::string to_json(bool all = false) const;

    // Where the text field being edited is, so the platform can put its input method there.
    void set_text_input(const ui_item& at, int input_mode = 0) {
        text_input_active_ = true;
        text_input_ = at;
        text_input_mode_ = input_mode;
    }
    // widgets.hpp's input_mode, as a number for the platform.
    int text_input_mode() const { return text_input_mode_; }
    bool text_input_active() const { return text_input_active_; }
    const ui_item& text_input() const { return text_input_; }

  private:
    std::vector<ui_item> items_;
    bool text_input_active_ = false;
    ui_item text_input_;
    int text_input_mode_ = 0;
};

ui_items& current_items();

} // namespace motcua::ui
