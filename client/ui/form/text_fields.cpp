// Fields typed as text: one line or several, numbers, money (with the amount in words), IDs,
// phone numbers and e-mail addresses, each with the on-screen keyboard that suits it.
#include "client/ui/form/field_widgets.hpp"

#include "client/ui/widgets.hpp"
#include "shared/text/words.hpp"

#include <charconv>

namespace motcua::ui::form_widgets {

namespace {

input_mode keyboard_for(forms::field_kind k) {
    switch (k) {
    case forms::field_kind::citizen_id:
    case forms::field_kind::old_id:
    case forms::field_kind::money: return input_mode::numeric;
    case forms::field_kind::number: return input_mode::decimal;
    case forms::field_kind::phone: return input_mode::tel;
    case forms::field_kind::email: return input_mode::email;
    default: return input_mode::text;
    }
}

// "Bằng chữ: Năm mươi nghìn đồng" under a sum that reads as one; nothing while it does not.
void draw_money_words(const field_ctx& c) {
    auto normal = forms::normalize(c.f, c.value());
    if (!normal || normal->empty()) return;
    std::int64_t vnd = 0;
    const auto* end = normal->data() + normal->size();
    if (auto [at, ec] = std::from_chars(normal->data(), end, vnd); ec != std::errc() || at != end) return;
    const std::string words = text::capitalize_first(text::money_in_words(vnd));
    text(c.input_id + ".words", std::string(c.say(text_key::amount_in_words)) + ": " + words, "text", words,
         colour_muted);
}

} // namespace

void draw_text_like(const field_ctx& c) {
    draw_label(c);
    const std::string hint(c.pick(c.f.hint_vi, c.f.hint_en));
    bool changed;
    if (c.f.kind == forms::field_kind::long_text)
        changed = text_area(c.input_id, c.name, c.value(), hint, c.f.required);
    else
        changed = text_field(c.input_id, c.name, c.value(), hint, c.f.required, keyboard_for(c.f.kind));
    if (changed) c.b.edited(c.key);
    if (c.f.kind == forms::field_kind::money) draw_money_words(c);
}

} // namespace motcua::ui::form_widgets
