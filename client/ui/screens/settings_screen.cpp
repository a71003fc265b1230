#include "client/ui/screens/settings_screen.hpp"

#include "client/ui/widgets.hpp"

#include <imgui.h>

#include <cstdio>

namespace motcua::ui {

void draw_settings_screen(client::citizen_app&, screen_state& s) {
    draw_screen_frame("##settings", s, [&] {
        if (button("settings.back", text(text_key::back, s.lang))) s.go_back = true;
        heading("settings.title", text(text_key::settings, s.lang));

        ImGui::Spacing();
        text("settings.language", text(text_key::language, s.lang), "heading");
        if (radio("settings.language.vi", "Tiếng Việt", !s.prefs.english) && s.prefs.english) {
            s.prefs.english = false;
            s.prefs_changed = true;
        }
        ImGui::SameLine();
        if (radio("settings.language.en", "English", s.prefs.english) && !s.prefs.english) {
            s.prefs.english = true;
            s.prefs_changed = true;
        }
        s.lang = s.prefs.english ? language::en : language::vi;

        ImGui::Spacing();
        text("settings.text_size", text(text_key::text_size, s.lang), "heading");
        using size = client::preferences::text_size;
        const std::pair<size, text_key> sizes[] = {
            {size::normal, text_key::text_normal}, {size::large, text_key::text_large}, {size::larger, text_key::text_larger}};
        for (const auto& [value, key] : sizes) {
            const std::string id = "settings.text_size." + std::to_string(int(value));
            if (radio(id, text(key, s.lang), s.prefs.text == value) && s.prefs.text != value) {
                s.prefs.text = value;
                s.prefs_changed = true;
            }
        }

        ImGui::Spacing();
        bool contrast = s.prefs.high_contrast;
        if (checkbox("settings.contrast", text(text_key::high_contrast, s.lang), contrast)) {
            s.prefs.high_contrast = contrast;
            s.prefs_changed = true;
        }

        ImGui::Spacing();
        ImGui::Separator();
        text("settings.storage", text(text_key::storage_used, s.lang), "heading");
        char size_text[32];
        std::snprintf(size_text, sizeof size_text, "%.1f MB", double(s.storage_used_bytes) / (1024.0 * 1024.0));
        text("settings.storage.used", size_text, "text", std::to_string(s.storage_used_bytes));
        text("settings.storage.kept",
             text(s.storage_persistent ? text_key::storage_kept : text_key::storage_not_persistent, s.lang), "text",
             s.storage_persistent ? "persistent" : "best-effort", colour_muted);
    });
}

} // namespace motcua::ui
