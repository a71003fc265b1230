// Recording widgets over Dear ImGui.
#include "client/ui/widgets.hpp"

#include "client/ui/ui_items.hpp"
#include "shared/text/nfc.hpp"

#include <imgui.h>

namespace motcua::ui {

namespace {

void record(std::string_view id, std::string_view label, std::string_view kind, std::string_view value,
            bool enabled) {
    if (!ImGui::IsItemVisible()) return;
    ImVec2 min = ImGui::GetItemRectMin();
    ImVec2 max = ImGui::GetItemRectMax();
    current_items().add({std::string(id), std::string(label), std::string(kind), std::string(value), min.x,
                         min.y, max.x - min.x, max.y - min.y, enabled});
}

std::string imgui_id(std::string_view label, std::string_view id) {
    std::string s(label);
    s += "##";
    s += id;
    return s;
}

struct text_field_state {
    std::string* value;
};

int text_callback(ImGuiInputTextCallbackData* data) {
    auto* state = static_cast<text_field_state*>(data->UserData);
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

bool button(std::string_view id, std::string_view label, bool enabled) {
    if (!enabled) ImGui::BeginDisabled();
    bool pressed = ImGui::Button(imgui_id(label, id).c_str());
    if (!enabled) ImGui::EndDisabled();
    record(id, label, "button", {}, enabled);
    return pressed && enabled;
}

bool text_field(std::string_view id, std::string_view label, std::string& value, std::string_view hint) {
    text_field_state state{&value};
    std::string hint_s(hint);
    // ImGui edits the std::string's buffer in place; capacity must cover the terminator.
    if (value.capacity() < value.size() + 1) value.reserve(value.size() + 16);
    bool changed = ImGui::InputTextWithHint(("##" + std::string(id)).c_str(), hint_s.c_str(), value.data(),
                                            value.capacity() + 1,
                                            ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackEdit,
                                            text_callback, &state);
    record(id, label, "input", value, true);
    if (ImGui::IsItemActive()) {
        ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        current_items().set_text_input({std::string(id), std::string(label), "input", {}, min.x, min.y,
                                        max.x - min.x, max.y - min.y, true});
    }
    return changed;
}

bool radio(std::string_view id, std::string_view label, bool active) {
    bool pressed = ImGui::RadioButton(imgui_id(label, id).c_str(), active);
    record(id, label, "radio", active ? "checked" : "", true);
    return pressed;
}

bool checkbox(std::string_view id, std::string_view label, bool& checked) {
    bool pressed = ImGui::Checkbox(imgui_id(label, id).c_str(), &checked);
    record(id, label, "checkbox", checked ? "checked" : "", true);
    return pressed;
}

void text(std::string_view id, std::string_view shown, std::string_view kind, std::string_view value,
          unsigned color) {
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
