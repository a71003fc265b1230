// A date: typed as dd/mm/yyyy, or picked from a calendar of the month, Monday first.
#include "client/ui/form/field_widgets.hpp"

#include "client/ui/widgets.hpp"

#include <imgui.h>

#include <string>

namespace motcua::ui::form_widgets {

namespace {

std::optional<civil_date> read_date(const std::string& typed) {
    if (auto d = parse_vn_date(typed)) return d;
    return parse_iso_date(typed);
}

int days_in_month(int year, int month) {
    const civil_date first{year, month, 1};
    const civil_date next = month == 12 ? civil_date{year + 1, 1, 1} : civil_date{year, month + 1, 1};
    return int(days_from_civil(next) - days_from_civil(first));
}

void turn_page(form_view_state& s, int by) {
    int m = s.shown_month - 1 + by;
    s.shown_year += m < 0 ? -1 : m / 12;
    s.shown_month = (m % 12 + 12) % 12 + 1;
}

void draw_calendar(const field_ctx& c) {
    auto& s = c.state;
    const auto chosen = read_date(c.value());
    if (s.shown_year == 0) {
        const civil_date at = chosen ? *chosen : c.b.today;
        s.shown_year = at.year;
        s.shown_month = at.month;
    }
    const std::string id = c.input_id + ".calendar";
    const std::string month = std::string(c.say(text_key::choose_date_title)) + " " + std::to_string(s.shown_month) +
                              "/" + std::to_string(s.shown_year);
    text(id + ".month", month, "status"); // read out as the page turns
    // The month on a line of its own: the two buttons beside it would not fit a phone's width.
    if (button(id + ".prev", c.say(text_key::previous_month))) turn_page(s, -1);
    ImGui::SameLine();
    if (button(id + ".next", c.say(text_key::next_month))) turn_page(s, +1);

    const float left = ImGui::GetCursorPosX();
    const float cell = ImGui::CalcItemWidth() / 7;
    // SameLine's offset counts from the group's start, GetCursorPosX from the window's: place
    // every cell the second way.
    auto at_column = [&](int col, bool same_line) {
        if (same_line) ImGui::SameLine();
        ImGui::SetCursorPosX(left + float(col) * cell);
    };
    const std::string_view names = c.say(text_key::weekdays_short);
    std::size_t from = 0;
    for (int col = 0; col < 7; ++col) {
        const std::size_t to = std::min(names.find(' ', from), names.size());
        at_column(col, col > 0);
        text(id + ".weekday." + std::to_string(col), names.substr(from, to - from), "text", {}, colour_muted);
        from = to + 1;
    }
    const int first_col = (weekday({s.shown_year, s.shown_month, 1}) + 6) % 7; // Monday = 0
    const int days = days_in_month(s.shown_year, s.shown_month);
    for (int d = 1; d <= days; ++d) {
        const int col = (first_col + d - 1) % 7;
        at_column(col, col > 0 && d > 1); // the first day starts a line of its own
        const civil_date date{s.shown_year, s.shown_month, d};
        const bool is_chosen = chosen && *chosen == date;
        const bool is_today = date == c.b.today;
        if (is_chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        const bool picked = button(id + "." + std::to_string(d), std::to_string(d), true,
                                   cell - ImGui::GetStyle().ItemSpacing.x);
        if (is_chosen) ImGui::PopStyleColor();
        if (is_today) {
            ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
            ImGui::GetWindowDrawList()->AddRect(min, max, colour_ok, 4, 0, 2);
        }
        if (picked) {
            c.set(to_vn(date));
            c.close_picker();
        }
    }
    if (button(id + ".today", c.say(text_key::today))) {
        c.set(to_vn(c.b.today));
        c.close_picker();
    }
}

} // namespace

void draw_date(const field_ctx& c) {
    draw_label(c);
    std::string hint(c.pick(c.f.hint_vi, c.f.hint_en));
    if (hint.empty()) hint = c.say(text_key::date_hint);
    // A text keyboard: the digit pads of phones have no '/'.
    if (text_field(c.input_id, c.name, c.value(), hint, c.f.required)) c.b.edited(c.key);
    if (button(c.input_id + ".calendar", c.say(c.open() ? text_key::close : text_key::pick_date))) {
        if (c.open()) {
            c.close_picker();
        } else {
            c.open_picker();
            // The day in the field, or today, takes the focus: the month scrolls into view.
            const civil_date at = read_date(c.value()).value_or(c.b.today);
            focus_control(c.input_id + ".calendar." + std::to_string(at.day));
        }
    }
    if (c.open()) draw_calendar(c);
}

} // namespace motcua::ui::form_widgets
