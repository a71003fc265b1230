#include "client/app/preferences.hpp"

namespace motcua::client {

std::string preferences::to_text() const {
    return std::string("lang=") + (english ? "en" : "vi") + ";text=" + std::to_string(int(text)) +
           ";contrast=" + (high_contrast ? "1" : "0");
}

preferences preferences::from_text(std::string_view s) {
    preferences p;
    while (!s.empty()) {
        const auto end = s.find(';');
        const auto part = s.substr(0, end);
        s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
        const auto eq = part.find('=');
        if (eq == std::string_view::npos) continue;
        const auto key = part.substr(0, eq), value = part.substr(eq + 1);
        if (key == "lang") p.english = value == "en";
        else if (key == "text" && value.size() == 1 && value[0] >= '0' && value[0] <= '2') p.text = text_size(value[0] - '0');
        else if (key == "contrast") p.high_contrast = value == "1";
    }
    return p;
}

} // namespace motcua::client
