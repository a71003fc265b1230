#include "client/ui/elsewhere_screen.hpp"

#include "client/ui/widgets.hpp"

#include <imgui.h>

namespace motcua::ui {

bool draw_elsewhere_screen(language lang, bool taking_over) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##elsewhere", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    heading("elsewhere.title", text(text_key::open_elsewhere, lang));
    text("elsewhere.detail", text(text_key::open_elsewhere_detail, lang));
    ImGui::Spacing();
    const bool pressed = button("elsewhere.take_over", text(taking_over ? text_key::taking_over : text_key::take_over, lang),
                                !taking_over);
    ImGui::PopTextWrapPos();
    ImGui::End();
    return pressed;
}

} // namespace motcua::ui
