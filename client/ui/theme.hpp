// The look of the app, in one place: sizes that keep every touch target at least 48 CSS px tall
// (Android's and WCAG 2.5.5's guidance) at each text size, and colours with WCAG AA contrast, or
// more with high contrast on.
#pragma once

#include "client/app/preferences.hpp"

namespace motcua::ui {

// The text size in CSS px for the person's choice (18, 22.5 or 27).
float text_px(const client::preferences& p);
// Sets ImGui's style for the preferences at a device pixel ratio.
void apply_theme(const client::preferences& p, float dpr);
// Whether the theme asks text colours to be the strongest (widgets.cpp maps them).
bool high_contrast();

} // namespace motcua::ui
