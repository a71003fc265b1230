// An attachment field: its value is the content hash of a stored file. Picking one is an intent
// the platform carries out (its file picker or camera); the stored file's name is shown.
#include "client/ui/form/field_widgets.hpp"

#include "client/ui/widgets.hpp"

#include <imgui.h>

namespace motcua::ui::form_widgets {

void draw_attachment(const field_ctx& c) {
    draw_label(c);
    const std::string& hash = c.value();
    if (!hash.empty()) {
        const std::string name = c.b.attachment_name ? c.b.attachment_name(hash) : std::string();
        text(c.input_id + ".file", name.empty() ? hash.substr(0, 12) : name, "text", hash);
        if (button(c.input_id + ".remove", c.say(text_key::remove_file))) c.set("");
        ImGui::SameLine();
    }
    if (button(c.input_id, c.say(text_key::attach_file), bool(c.b.pick_attachment))) c.b.pick_attachment(c.key);
}

} // namespace motcua::ui::form_widgets
