#include "client/ui/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace motcua::ui {

namespace {
bool contrast_on = false;
constexpr float base_text_px = 18;
constexpr float touch_target_px = 48;
} // namespace

float text_px(const client::preferences& p) { return base_text_px * p.text_scale(); }
bool high_contrast() { return contrast_on; }

void apply_theme(const client::preferences& p, float dpr) {
    contrast_on = p.high_contrast;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    // A frame is the text plus twice its vertical padding: at least a finger's 48 px.
    const float text = text_px(p);
    const float pad_y = std::max(6.0f, std::ceil((touch_target_px - text) / 2)); // whole px: rounding never takes it under
    style.FramePadding = ImVec2(12, pad_y);
    style.ItemSpacing = ImVec2(10, 10);
    style.ItemInnerSpacing = ImVec2(10, 6);
    style.WindowPadding = ImVec2(14, 14);
    style.FrameRounding = 6;
    style.FrameBorderSize = p.high_contrast ? 2 : 1;
    style.ScrollbarSize = 18;
    auto* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBg] = ImVec4(0.97f, 0.97f, 0.97f, 1);
    // Hints and disabled text: #5a5a5a on #f7f7f7 is 6.4:1 (AA asks 4.5:1); ImGui's default grey was 2.8:1.
    c[ImGuiCol_TextDisabled] = ImVec4(0.353f, 0.353f, 0.353f, 1);
    // Buttons: black text on a light blue, 12:1; borders a dark grey that shows the edge (3:1).
    c[ImGuiCol_Button] = ImVec4(0.80f, 0.88f, 0.98f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.70f, 0.82f, 0.97f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.60f, 0.75f, 0.95f, 1);
    c[ImGuiCol_Border] = ImVec4(0.45f, 0.45f, 0.45f, 1);
    c[ImGuiCol_CheckMark] = ImVec4(0.05f, 0.25f, 0.60f, 1);
    if (p.high_contrast) {
        c[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
        c[ImGuiCol_TextDisabled] = ImVec4(0.15f, 0.15f, 0.15f, 1);
        c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
        c[ImGuiCol_Border] = ImVec4(0, 0, 0, 1);
        c[ImGuiCol_Button] = ImVec4(1, 1, 0.75f, 1);
        c[ImGuiCol_CheckMark] = ImVec4(0, 0, 0, 1);
        c[ImGuiCol_Separator] = ImVec4(0, 0, 0, 1);
    }
    style.ScaleAllSizes(dpr);
}

} // namespace motcua::ui
