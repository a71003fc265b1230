// Dear ImGui with no window, for screen tests: a phone-sized display, the default font, frames
// drawn on demand, and a finger that taps an item by its id (pressed in one frame, lifted in the
// next, as ImGui needs). The item list is the same one the browser's motcuaUi publishes.
#pragma once

#include "client/ui/ui_items.hpp"
#include "client/ui/widgets.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <functional>
#include <optional>
#include <string>

namespace motcua::test {

class headless_ui {
  public:
    explicit headless_ui(float width = 412, float height = 915) {
        ctx_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60;
        io.Fonts->AddFontDefault();
        unsigned char* pixels;
        int w, h;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h); // builds the atlas; nothing is rendered
    }
    ~headless_ui() { ImGui::DestroyContext(ctx_); }
    headless_ui(const headless_ui&) = delete;
    headless_ui& operator=(const headless_ui&) = delete;

    // One frame of `draw`; returns the items it recorded.
    const std::vector<ui::ui_item>& frame(const std::function<void()>& draw) {
        ImGui::NewFrame();
        ui::begin_frame();
        draw();
        ImGui::Render();
        return ui::current_items().items();
    }

    // The item with this id on screen in the last frame (as a finger can reach it).
    std::optional<ui::ui_item> item(const std::string& id) const {
        for (const auto& it : ui::current_items().items())
            if (it.id == id && it.visible) return it;
        return std::nullopt;
    }

    // Taps the item with this id (drawn in the last frame): down in one frame, up in the next.
    void tap(const std::string& id, const std::function<void()>& draw) {
        auto it = item(id);
        REQUIRE_MESSAGE(it, "no item " << id << " in the last frame");
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(it->x + it->w / 2, it->y + it->h / 2);
        frame(draw); // hover first, as a finger's pointerdown moves the pointer there
        io.MouseDown[0] = true;
        frame(draw);
        io.MouseDown[0] = false;
        frame(draw);
        io.MousePos = ImVec2(-1e9f, -1e9f); // the finger is lifted
        frame(draw);
    }

    // A key pressed in one frame and released in the next (DOM key codes, as the browser sends).
    void press(int key, const std::function<void()>& draw, bool shift = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyShift = shift;
        io.KeysDown[key] = true;
        frame(draw);
        io.KeysDown[key] = false;
        frame(draw);
        io.KeyShift = false;
    }

  private:
    ImGuiContext* ctx_;
};

} // namespace motcua::test
