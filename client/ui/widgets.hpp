// ImGui widgets that also record themselves in the frame's item list (ui_items.hpp), so every
// control has a stable id, a label, a role and a value for tests and assistive technology.
#pragma once

#include "client/ui/ui_text.hpp"

#include <string>
#include <string_view>

namespace motcua::ui {

// Starts a frame of widgets: clears the item list and moves the keyboard focus for Tab and
// Shift+Tab pressed since the last frame. Every control (field, button, radio, checkbox) can hold
// the focus, in the order it is drawn (reading order); Space and Enter act on the focused one.
void begin_frame();
// The language of the widgets' own words (the text selection bar); screens set it per frame.
void set_language(language lang);
// The control holding the keyboard focus ("" if none), as its item id.
const std::string& focused_id();
// The text selected in the field being edited (for copy and cut), or "".
std::string selected_text();

// What assistive technology did on the page's mirror of the items (web_a11y.js), carried out in
// the next frame as a person's own input would be: press a control, put a value in a field, or
// move the focus to a control.
void assistive_activate(std::string id);
void assistive_set_value(std::string id, std::string value);
void assistive_focus(std::string id);

// Scrolls the screen by this many framebuffer pixels in its next frame (a finger's drag, or the
// field being typed in kept above the on-screen keyboard), whatever the pointer hovers.
void scroll_by(float pixels);
// What is pending, taken once by the screen's window (citizen_screen.cpp, draw_screen_frame).
float take_scroll();

// Moves the keyboard focus to a control and scrolls it into view in the frame that draws it (the
// first problem on submit, a picker that opened).
void focus_control(std::string id);

// `width` in framebuffer pixels; 0: as wide as its label; negative: as wide as a field.
// The text an input method is composing, shown at the caret of the field being edited and
// replaced as it grows; "" takes it out again (the committed text arrives as typed text).
void compose(std::string preedit);

// A finger's long press on a text field: the word at the caret is selected, and a bar of
// actions (copy, cut, paste, select all) shows under the field until one is used or the
// selection goes. The clipboard is the platform's: it takes what to copy, and is asked for what
// to paste, which it hands back with paste().
void select_word_at_caret();
std::string take_clipboard_write();   // "" when nothing is to be copied
bool take_clipboard_read_request();   // the bar's Paste was pressed
void paste(std::string text);         // the clipboard's text, for the field that asked

bool button(std::string_view id, std::string_view label, bool enabled = true, float width = 0);

// The on-screen keyboard a text field asks for (the page's textarea inputmode).
enum class input_mode { text, numeric, decimal, tel, email };
// A single-line text field, full width. Text is kept in NFC as it is typed (some keyboards send
// letters and their marks separately). Returns true when the text changed.
bool text_field(std::string_view id, std::string_view label, std::string& value, std::string_view hint,
                bool required = false, input_mode mode = input_mode::text);
// Several lines, about `lines` high; Enter starts a new line.
bool text_area(std::string_view id, std::string_view label, std::string& value, std::string_view hint,
               bool required = false, int lines = 4);
bool radio(std::string_view id, std::string_view label, bool active);
bool checkbox(std::string_view id, std::string_view label, bool& checked);
// Wrapped text; kind names its role ("text", "heading", "status", "error", "listitem").
void text(std::string_view id, std::string_view shown, std::string_view kind = "text",
          std::string_view value = {}, unsigned color = 0);
void heading(std::string_view id, std::string_view shown);

// Colours (ImGui's packed ABGR), chosen for contrast on the light theme.
constexpr unsigned colour_error = 0xff1c1cb0;   // dark red
constexpr unsigned colour_ok = 0xff1f7a1f;      // dark green
constexpr unsigned colour_muted = 0xff5a5a5a;   // grey, still 7:1 on white
constexpr unsigned colour_warning = 0xff00609a; // dark amber

} // namespace motcua::ui
