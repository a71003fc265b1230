// Recording widgets over Dear ImGui.
#include "client/ui/widgets.hpp"

#include "client/ui/theme.hpp"
#include "client/ui/ui_items.hpp"
#include "shared/text/nfc.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cctype>
#include <utility>
#include <cstdlib>
#include <optional>
#include <vector>

namespace motcua::ui {

namespace {

// The keyboard focus, our own: ImGui 1.86 tabs between text fields only. Keys are DOM key
// codes (the platform's key map leaves Tab to this layer).
constexpr int key_tab = 9, key_enter = 13, key_space = 32;

struct focus_state {
    std::string id;                    // the focused control
    std::vector<std::string> order;    // this frame's focusable controls, in drawing order
    std::vector<std::string> previous; // last frame's
    int move = 0;                      // +1 / -1: Tab / Shift+Tab pressed, applied this frame
    bool moved_here = false;           // the focus arrived this frame (scroll it into view)
    bool activate = false;             // Space or Enter on a focused non-text control
    std::string assistive_press;       // a control pressed through the accessibility mirror
    std::optional<std::pair<std::string, std::string>> assistive_value; // a field set through it
};

focus_state& focus() {
    static focus_state f;
    return f;
}

// Registers a control; returns whether it holds the focus. A text field that gets the focus by
// Tab is activated for typing (ImGui's keyboard focus); any control clicked takes the focus.
bool focusable(std::string_view id) {
    auto& f = focus();
    f.order.emplace_back(id);
    return f.id == id;
}

void after_focusable(std::string_view id, bool focused) {
    auto& f = focus();
    if (ImGui::IsItemActivated() || ImGui::IsItemClicked()) f.id = std::string(id);
    if (!focused) return;
    // A ring around the focused control, so a keyboard user sees where they are.
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float pad = 3;
    ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - pad, min.y - pad), ImVec2(max.x + pad, max.y + pad),
                                        0xffb05a00, 4, 0, 3);
    if (f.moved_here) {
        ImGui::SetScrollHereY(0.4f);
        f.moved_here = false;
    }
}

// Space or Enter pressed on this focused control (not a text field), or the control pressed
// through assistive technology.
bool keyboard_pressed(std::string_view id, bool focused) {
    auto& f = focus();
    if (!f.assistive_press.empty() && f.assistive_press == id) {
        f.assistive_press.clear();
        f.id = std::string(id);
        return true;
    }
    if (!focused || !f.activate) return false;
    f.activate = false;
    return true;
}

void record(std::string_view id, std::string_view label, std::string_view kind, std::string_view value,
            bool enabled) {
    ImVec2 min = ImGui::GetItemRectMin();
    ImVec2 max = ImGui::GetItemRectMax();
    current_items().add({std::string(id), std::string(label), std::string(kind), std::string(value), min.x,
                         min.y, max.x - min.x, max.y - min.y, enabled, false, ImGui::IsItemVisible()});
}

std::string imgui_id(std::string_view label, std::string_view id) {
    std::string s(label);
    s += "##";
    s += id;
    return s;
}

struct text_field_state {
    std::string* value;
    std::string_view id;
};

language widget_language = language::vi;

// A selection a long press made, and the bar of actions under its field.
struct touch_selection_state {
    bool select_word = false; // pending: select the word at the caret of the field being edited
    std::string field;        // the field showing the bar; "" when none does
    int start = 0, end = 0;   // the selection, in bytes of the field's value
    bool had_selection = false;
    std::string clipboard_out;            // intent: put this on the clipboard
    bool clipboard_in = false;            // intent: read the clipboard for `field`
    std::optional<std::string> pasted;    // what the clipboard held, to paste over the selection
};

touch_selection_state& touch_selection() {
    static touch_selection_state t;
    return t;
}

bool word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || c == '_' || c == '-';
}

// In the callback of the field being edited: selects the word at the caret when a long press
// asked, and follows the selection while the bar is shown.
void track_touch_selection(ImGuiInputTextCallbackData* data, std::string_view id) {
    auto& t = touch_selection();
    if (t.select_word) {
        t.select_word = false;
        int a = data->CursorPos, b = data->CursorPos;
        while (a > 0 && word_byte(data->Buf[a - 1])) --a;
        while (b < data->BufTextLen && word_byte(data->Buf[b])) ++b;
        data->SelectionStart = a;
        data->SelectionEnd = data->CursorPos = b;
        t.field = std::string(id);
        t.had_selection = false;
    }
    if (t.field != id) return;
    t.start = std::min(data->SelectionStart, data->SelectionEnd);
    t.end = std::max(data->SelectionStart, data->SelectionEnd);
    if (t.start != t.end) t.had_selection = true;
    else if (t.had_selection) t.field.clear(); // a tap or a key took the selection away
}

// The input method's word in progress: inserted into the active field as plain text and taken
// out again at each update and at the commit, whose text ImGui inserts after it in that frame.
struct preedit_state {
    bool pending = false;
    std::string text;   // what to show next
    ImGuiID field = 0;  // where the shown text is
    int at = 0, len = 0; // its bytes in that field's buffer
};

preedit_state& preedit() {
    static preedit_state p;
    return p;
}

void apply_preedit(ImGuiInputTextCallbackData* data) {
    auto& p = preedit();
    const ImGuiID field = ImGui::GetActiveID();
    if (p.field != field) p.len = 0; // another field: what was shown there stays as typed
    if (!p.pending) return;
    p.pending = false;
    if (p.len > 0 && p.at + p.len <= data->BufTextLen) data->DeleteChars(p.at, p.len);
    p.len = 0;
    if (p.text.empty()) return;
    if (data->HasSelection()) { // the word replaces the selection, as typing does
        const int a = std::min(data->SelectionStart, data->SelectionEnd);
        data->DeleteChars(a, std::abs(data->SelectionEnd - data->SelectionStart));
        data->CursorPos = a;
    }
    p.field = field;
    p.at = data->CursorPos;
    data->InsertChars(p.at, p.text.data(), p.text.data() + p.text.size());
    p.len = int(p.text.size());
    data->SelectionStart = data->SelectionEnd = data->CursorPos;
}

int text_callback(ImGuiInputTextCallbackData* data) {
    auto* state = static_cast<text_field_state*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways) {
        apply_preedit(data);
        track_touch_selection(data, state->id);
        return 0;
    }
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        state->value->resize(std::size_t(data->BufTextLen));
        data->Buf = state->value->data();
        return 0;
    }
    if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit) {
        std::string_view current(data->Buf, std::size_t(data->BufTextLen));
        if (text::is_nfc(current)) return 0;
        // Compose what is before the cursor apart, to put the cursor back where it belongs.
        std::string before = text::to_nfc(current.substr(0, std::size_t(data->CursorPos)));
        std::string whole = text::to_nfc(current);
        data->DeleteChars(0, data->BufTextLen);
        data->InsertChars(0, whole.data(), whole.data() + whole.size());
        data->CursorPos = data->SelectionStart = data->SelectionEnd = int(std::min(before.size(), whole.size()));
    }
    return 0;
}

} // namespace

void begin_frame() {
    current_items().begin_frame();
    auto& f = focus();
    f.previous.swap(f.order);
    f.order.clear();
    f.activate = false;
    const bool shift = ImGui::GetIO().KeyShift;
    if (ImGui::IsKeyPressed(key_tab) && !f.previous.empty()) {
        auto at = std::find(f.previous.begin(), f.previous.end(), f.id);
        std::ptrdiff_t i = at == f.previous.end() ? (shift ? 0 : -1) : at - f.previous.begin();
        const auto n = std::ptrdiff_t(f.previous.size());
        i = ((i + (shift ? -1 : 1)) % n + n) % n;
        f.id = f.previous[std::size_t(i)];
        f.moved_here = true;
        // Leaving a text field ends its editing, as a browser's Tab does.
        if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
        f.move = 1;
    } else {
        f.move = 0;
    }
    const bool editing = ImGui::GetIO().WantTextInput;
    // A word composed while no field was being edited has nowhere to go.
    if (!editing && preedit().pending) preedit() = {};
    if (!editing) touch_selection().select_word = false; // a long press outside any field
    if (!editing && (ImGui::IsKeyPressed(key_space, false) || ImGui::IsKeyPressed(key_enter, false))) f.activate = true;
}

const std::string& focused_id() { return focus().id; }

namespace {
float pending_scroll = 0;
}
void scroll_by(float pixels) { pending_scroll += pixels; }
float take_scroll() {
    const float s = pending_scroll;
    pending_scroll = 0;
    return s;
}

void set_language(language lang) { widget_language = lang; }

void select_word_at_caret() { touch_selection().select_word = true; }
std::string take_clipboard_write() { return std::exchange(touch_selection().clipboard_out, std::string()); }
bool take_clipboard_read_request() { return std::exchange(touch_selection().clipboard_in, false); }
void paste(std::string text) { touch_selection().pasted = std::move(text); }

void compose(std::string text) {
    auto& p = preedit();
    p.pending = true;
    p.text = std::move(text);
}

void assistive_activate(std::string id) { focus().assistive_press = std::move(id); }
void assistive_set_value(std::string id, std::string value) {
    focus().assistive_value.emplace(std::move(id), std::move(value));
}
void assistive_focus(std::string id) {
    auto& f = focus();
    if (f.id == id) return;
    f.id = std::move(id);
    f.moved_here = true; // scrolled into view, as a screen reader's swipe expects
}

std::string selected_text() {
    ImGuiInputTextState* st = ImGui::GetInputTextState(ImGui::GetActiveID());
    if (!st || !st->HasSelection()) return {};
    int a = st->Stb.select_start, b = st->Stb.select_end;
    if (a > b) std::swap(a, b);
    a = std::max(0, a);
    b = std::min(b, st->CurLenW);
    std::string out(std::size_t(b - a) * 4 + 1, '\0');
    const int n = ImTextStrToUtf8(out.data(), int(out.size()), st->TextW.Data + a, st->TextW.Data + b);
    out.resize(std::size_t(n));
    return out;
}

bool button(std::string_view id, std::string_view label, bool enabled, float width) {
    const bool focused = enabled && focusable(id); // a disabled control is skipped, as in a browser
    if (!enabled) ImGui::BeginDisabled();
    if (width < 0) width = ImGui::CalcItemWidth(); // the field width of the screen
    bool pressed = ImGui::Button(imgui_id(label, id).c_str(), ImVec2(width, 0));
    if (!enabled) ImGui::EndDisabled();
    after_focusable(id, focused);
    pressed = pressed || keyboard_pressed(id, focused);
    record(id, label, "button", {}, enabled);
    return pressed && enabled;
}

void focus_control(std::string id) {
    auto& f = focus();
    f.id = std::move(id);
    f.moved_here = true;
    if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
}

namespace {

// A field's value put there by assistive technology, taken once. Not while ImGui edits the field:
// its own buffer would write the old text back.
bool take_assistive_value(std::string_view id, const std::string& imgui_label, std::string& value) {
    auto& v = focus().assistive_value;
    if (!v || v->first != id) return false;
    if (ImGui::GetActiveID() == ImGui::GetID(imgui_label.c_str())) ImGui::ClearActiveID();
    value = text::to_nfc(v->second);
    v.reset();
    focus().id = std::string(id);
    return true;
}

// What every text control does after ImGui drew it: focus, the item, where the input method goes.
void after_text_control(std::string_view id, std::string_view label, const std::string& value, bool focused,
                        bool required, input_mode mode) {
    after_focusable(id, focused && !ImGui::IsItemActive()); // an active field shows its own caret
    if (ImGui::IsItemActive()) focus().id = std::string(id);
    record(id, label, "input", value, true);
    current_items().mark_required(required);
    if (ImGui::IsItemActive()) {
        ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        current_items().set_text_input({std::string(id), std::string(label), "input", {}, min.x, min.y,
                                        max.x - min.x, max.y - min.y, true},
                                       int(mode));
    }
}

// The bar a long press opens under a field: copy, cut, paste over the selection, select all.
// Pressing it ends the field's editing (the finger went down outside it), so the value is
// changed here, in the string, never in ImGui's buffer. Returns whether the value changed.
bool selection_bar(std::string_view id, const std::string& imgui_label, std::string& value) {
    auto& t = touch_selection();
    if (t.field != id) return false;
    const int n = int(value.size());
    t.start = std::clamp(t.start, 0, n);
    t.end = std::clamp(t.end, t.start, n);
    auto stop_editing = [&] {
        if (ImGui::GetActiveID() == ImGui::GetID(imgui_label.c_str())) ImGui::ClearActiveID();
    };
    bool changed = false;
    if (t.pasted) {
        std::string text = text::to_nfc(*t.pasted);
        std::replace(text.begin(), text.end(), '\n', ' ');
        stop_editing();
        value.replace(std::size_t(t.start), std::size_t(t.end - t.start), text);
        t.pasted.reset();
        t.field.clear();
        return true;
    }
    const std::string base(id);
    const auto selected = value.substr(std::size_t(t.start), std::size_t(t.end - t.start));
    if (button(base + ".copy", text(text_key::copy, widget_language), !selected.empty())) {
        t.clipboard_out = selected;
        t.field.clear();
    }
    ImGui::SameLine();
    if (button(base + ".cut", text(text_key::cut, widget_language), !selected.empty())) {
        stop_editing();
        t.clipboard_out = selected;
        value.erase(std::size_t(t.start), selected.size());
        t.field.clear();
        changed = true;
    }
    ImGui::SameLine();
    if (button(base + ".paste", text(text_key::paste, widget_language))) t.clipboard_in = true;
    ImGui::SameLine();
    if (button(base + ".select_all", text(text_key::select_all, widget_language), !value.empty())) {
        t.start = 0;
        t.end = n;
        t.had_selection = true;
    }
    return changed;
}

} // namespace

bool text_field(std::string_view id, std::string_view label, std::string& value, std::string_view hint,
                bool required, input_mode mode) {
    text_field_state state{&value, id};
    const std::string imgui_label = "##" + std::string(id);
    const bool set_by_assistive = take_assistive_value(id, imgui_label, value);
    std::string hint_s(hint);
    // ImGui edits the std::string's buffer in place; capacity must cover the terminator.
    if (value.capacity() < value.size() + 1) value.reserve(value.size() + 16);
    const bool focused = focusable(id);
    if (focused && focus().move != 0) ImGui::SetKeyboardFocusHere(); // arrived by Tab: type here
    bool changed = ImGui::InputTextWithHint(imgui_label.c_str(), hint_s.c_str(), value.data(), value.capacity() + 1,
                                            ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackEdit |
                                                 ImGuiInputTextFlags_CallbackAlways,
                                            text_callback, &state);
    after_text_control(id, label, value, focused, required, mode);
    const bool acted = selection_bar(id, imgui_label, value);
    return changed || set_by_assistive || acted;
}

bool text_area(std::string_view id, std::string_view label, std::string& value, std::string_view hint,
               bool required, int lines) {
    text_field_state state{&value, id};
    const std::string imgui_label = "##" + std::string(id);
    const bool set_by_assistive = take_assistive_value(id, imgui_label, value);
    if (value.capacity() < value.size() + 1) value.reserve(value.size() + 16);
    const bool focused = focusable(id);
    if (focused && focus().move != 0) ImGui::SetKeyboardFocusHere();
    const float height = ImGui::GetTextLineHeight() * float(lines) + ImGui::GetStyle().FramePadding.y * 2;
    // ImGui 1.86 has no hint for several lines: the hint is shown under an empty field instead.
    bool changed = ImGui::InputTextMultiline(imgui_label.c_str(), value.data(), value.capacity() + 1,
                                             ImVec2(-1, height),
                                             ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackEdit |
                                                 ImGuiInputTextFlags_CallbackAlways,
                                             text_callback, &state);
    after_text_control(id, label, value, focused, required, input_mode::text);
    if (value.empty() && !hint.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour_muted);
        ImGui::TextUnformatted(hint.data(), hint.data() + hint.size());
        ImGui::PopStyleColor();
    }
    return changed || set_by_assistive;
}

bool radio(std::string_view id, std::string_view label, bool active) {
    const bool focused = focusable(id);
    bool pressed = ImGui::RadioButton(imgui_id(label, id).c_str(), active);
    after_focusable(id, focused);
    pressed = pressed || keyboard_pressed(id, focused);
    record(id, label, "radio", active || pressed ? "checked" : "", true);
    return pressed;
}

bool checkbox(std::string_view id, std::string_view label, bool& checked) {
    const bool focused = focusable(id);
    bool pressed = ImGui::Checkbox(imgui_id(label, id).c_str(), &checked);
    after_focusable(id, focused);
    if (keyboard_pressed(id, focused)) {
        checked = !checked;
        pressed = true;
    }
    record(id, label, "checkbox", checked ? "checked" : "", true);
    return pressed;
}

void text(std::string_view id, std::string_view shown, std::string_view kind, std::string_view value,
          unsigned color) {
    // High contrast: grey and coloured notes become black; errors keep their red (7:1 on white).
    if (high_contrast() && color != colour_error) color = 0;
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
    // Wraps at the position the screen pushed (see citizen_screen.cpp).
    ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
    if (color) ImGui::PopStyleColor();
    record(id, shown, kind, value.empty() ? shown : value, true);
}

void heading(std::string_view id, std::string_view shown) {
    ImFont* bold = ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1] : nullptr;
    if (bold) ImGui::PushFont(bold);
    text(id, shown, "heading");
    if (bold) ImGui::PopFont();
}

} // namespace motcua::ui
