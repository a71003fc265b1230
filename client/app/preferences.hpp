// The person's own settings, kept in the local store and restored at start: language, text size
// and contrast. One line of text ("lang=vi;text=1;contrast=0"); anything unreadable falls back
// to the default, so a setting can never keep the app from starting.
#pragma once

#include <string>
#include <string_view>

namespace motcua::client {

struct preferences {
    enum class text_size { normal, large, larger };
    bool english = false; // Vietnamese first
    text_size text = text_size::normal;
    bool high_contrast = false;

    // How much larger than normal text is drawn: 1, 1.25, 1.5.
    float text_scale() const { return text == text_size::normal ? 1.0f : text == text_size::large ? 1.25f : 1.5f; }
    std::string to_text() const;
    static preferences from_text(std::string_view text);
    friend bool operator==(const preferences&, const preferences&) = default;
};

} // namespace motcua::client
