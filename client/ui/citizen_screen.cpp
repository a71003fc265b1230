// Layout of the citizen screen. Text comes from ui_text; controls record themselves.
#include "client/ui/citizen_screen.hpp"

#include "client/ui/form/form_view.hpp"
#include "client/ui/widgets.hpp"
#include "shared/core/date.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace motcua::ui {

namespace {

std::string_view pick(std::string_view vi, std::string_view en, language lang) { return lang == language::vi ? vi : en; }

std::string clock_text(std::int64_t ms) {
    std::int64_t local = ms / 1000 + vietnam_utc_offset_seconds;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", int(local / 3600 % 24), int(local / 60 % 60));
    return buf;
}

std::string vn_date(const std::string& iso) {
    auto d = parse_iso_date(iso);
    return d ? to_vn(*d) : iso;
}

void draw_header(client::citizen_app& app, screen_state& s) {
    heading("app.title", text(text_key::app_title, s.lang));
    auto status = std::string(text(s.online ? text_key::online : text_key::offline, s.lang));
    text("app.connection", (s.online ? "● " : "○ ") + status, "status", s.online ? "online" : "offline",
         s.online ? colour_ok : colour_warning);
    if (button("app.sync_now", text(app.syncing() ? text_key::syncing : text_key::sync_now, s.lang),
               s.online && !app.syncing()))
        app.sync_now();
    ImGui::SameLine();
    if (button("app.language", text(text_key::switch_language, s.lang))) {
        s.prefs.english = !s.prefs.english;
        s.lang = s.prefs.english ? language::en : language::vi;
        s.prefs_changed = true;
    }
    ImGui::SameLine();
    if (button("app.settings", text(text_key::settings, s.lang))) s.open = client::route{"settings", ""};
    if (!s.notice.empty()) text("app.notice", s.notice, "status", {}, colour_warning);
    ImGui::Separator();
}

// At the foot of the page: these appear when the browser tells, and must not push the form down
// under a finger that is about to tap it.
void draw_footer(screen_state& s) {
    if (s.update_waiting) {
        ImGui::Separator();
        text("app.update_note", text(text_key::update_ready, s.lang), "status", {}, colour_muted);
        if (button("app.update", text(text_key::update_now, s.lang))) s.apply_update = true;
    }
    if (!s.storage_persistent) {
        ImGui::Separator();
        text("app.storage_warning", text(text_key::storage_not_persistent, s.lang), "status", {}, colour_muted);
    }
    if (s.storage_used_bytes > 0) {
        char size[32];
        const double mb = double(s.storage_used_bytes) / (1024.0 * 1024.0);
        std::snprintf(size, sizeof size, mb >= 10 ? "%.0f MB" : "%.1f MB", mb);
        std::string shown = std::string(text(text_key::storage_used, s.lang)) + ": " + size;
        if (s.lang == language::vi) std::replace(shown.begin(), shown.end(), '.', ','); // 1,2 MB
        if (s.storage_persistent) shown += std::string(" · ") + std::string(text(text_key::storage_kept, s.lang));
        text("app.storage_used", shown, "text", std::to_string(s.storage_used_bytes), colour_muted);
    }
    ImGui::Separator();
    const std::string info = std::to_string(s.procedures) + std::string(text(text_key::data_procedures, s.lang)) +
                             std::to_string(s.units) + std::string(text(text_key::data_units, s.lang));
    text("app.data_info", info, "text", std::to_string(s.procedures) + "," + std::to_string(s.units), colour_muted);
}

void draw_problem(client::citizen_app& app, const std::string& key, const std::string& item_id, screen_state& s) {
    auto problem = app.problems().find(key);
    if (problem == app.problems().end()) return;
    const auto& p = problem->second;
    const bool warning = p.level == forms::severity::warning;
    text(item_id + (warning ? ".warning" : ".error"), s.lang == language::vi ? p.message.vi : p.message.en,
         warning ? "status" : "error", {}, warning ? colour_warning : colour_error);
}

// Photos or scans of papers; limits are checked before anything is stored or sent.
void draw_attachments(client::citizen_app& app, screen_state& s) {
    ImGui::Spacing();
    text("attachments.title", text(text_key::attachments, s.lang), "heading", {}, colour_muted);
    for (std::size_t i = 0; i < app.attachments().size(); ++i) {
        const auto& a = app.attachments()[i];
        const std::string id = "attachments." + std::to_string(i);
        ImGui::PushID(int(i));
        text(id, a.name + " (" + std::to_string((a.size + 1023) / 1024) + " KB)", "listitem", a.media_type);
        ImGui::SameLine();
        if (button(id + ".remove", text(text_key::remove, s.lang))) app.remove_attachment(i);
        ImGui::PopID();
    }
    if (button("attachments.add", text(text_key::add_attachment, s.lang))) s.pick_file = true;
    text("attachments.limits", text(text_key::attachment_limits, s.lang), "text", {}, colour_muted);
    if (const auto& e = app.attachment_error())
        text("attachments.error", s.lang == language::vi ? e->vi : e->en, "error", e->code, colour_error);
}

void draw_form(client::citizen_app& app, screen_state& s) {
    const auto& p = app.procedure();
    const auto& form = app.form();
    heading("form.title", pick(form.title_vi, form.title_en, s.lang));
    text("form.agency", std::string(text(text_key::send_to, s.lang)) + ": " + p.receiving_agency_vi, "text", {},
         colour_muted);
    text("form.required_note", text(text_key::required_note, s.lang), "text", {}, colour_muted);
    if (app.notice())
        text("form.notice", s.lang == language::vi ? app.notice()->vi : app.notice()->en, "status", {}, colour_warning);
    bool errors = false, warnings = false;
    for (const auto& [k, pr] : app.problems()) (pr.level == forms::severity::error ? errors : warnings) = true;
    if (errors) text("form.problems", text(text_key::fix_problems, s.lang), "error", {}, colour_error);
    else if (warnings) text("form.problems", text(text_key::check_warnings, s.lang), "status", {}, colour_warning);
    const form_binding binding{form,
                               app.typed(),
                               app.problems(),
                               [&app](const std::string& key) { app.edited(key); },
                               [&app](const std::string& id) { return app.computed(id); },
                               s.lang,
                               vietnam_date_of(s.now_ms / 1000),
                               s.units_registry};
    draw_form_fields(binding, s.form_view);
    // Problems of cross-field rules that name no single visible field.
    for (const auto& [k, pr] : app.problems())
        if (!form.find(k)) draw_problem(app, k, "form.rule." + k, s);
    draw_attachments(app, s);
    ImGui::Spacing();
    if (button("form.submit", text(text_key::submit, s.lang))) {
        const bool queued = app.submit();
        s.toast = queued ? std::string(text(text_key::submitted_toast, s.lang)) : std::string();
        s.form_view = {};
        s.form_view.focus_first_problem = !queued; // the next frame takes the person to the first problem
    }
    ImGui::SameLine();
    if (button("form.clear", text(text_key::clear_form, s.lang))) {
        app.clear_form();
        s.toast.clear();
    }
    switch (app.draft_state()) {
    case client::save_state::clean: break;
    case client::save_state::pending:
        text("form.draft_state", text(text_key::draft_saving, s.lang), "status", "saving", colour_muted);
        break;
    case client::save_state::saved:
        text("form.draft_state",
             std::string(text(text_key::draft_saved_at, s.lang)) + " " + clock_text(app.draft_saved_at_ms()),
             "status", "saved", colour_ok);
        break;
    case client::save_state::failed:
        text("form.draft_state", text(text_key::draft_save_failed, s.lang), "error", "failed", colour_error);
        break;
    }
    if (!s.toast.empty()) text("form.toast", s.toast, "status", {}, colour_ok);
}

void draw_outbox(client::citizen_app& app, screen_state& s) {
    ImGui::Separator();
    heading("outbox.title", text(text_key::my_dossiers, s.lang));
    if (app.outbox().empty()) text("outbox.empty", text(text_key::nothing_sent_yet, s.lang), "text", {}, colour_muted);
    for (const auto& item : app.outbox()) {
        const std::string id = "outbox." + item.id;
        ImGui::PushID(item.id.c_str());
        ImGui::Spacing();
        std::string title = item.title + " — " + std::string(pick(app.procedure().name_vi, app.procedure().name_en, s.lang));
        switch (item.state) {
        case client::outbox_state::queued: {
            auto key = app.syncing() && item.attempts == 0 ? text_key::state_sending
                       : s.online                          ? text_key::state_queued
                                                           : text_key::state_queued_offline;
            text(id, title, "listitem", text(key, s.lang));
            text(id + ".state", text(key, s.lang), "status", "queued", colour_warning);
            if (const auto& p = app.sync_state(); p.item_id == item.id && p.bytes_total > 0) {
                const int percent = int(p.bytes_sent * 100 / p.bytes_total);
                text(id + ".progress", std::string(text(text_key::uploading_attachments, s.lang)) + ": " +
                     std::to_string(percent) + "%", "progressbar", std::to_string(percent), colour_muted);
            }
            if (item.last_error)
                text(id + ".error", s.lang == language::vi ? item.last_error->vi : item.last_error->en, "status",
                     {}, colour_muted);
            break;
        }
        case client::outbox_state::received:
            text(id, title, "listitem", text(text_key::state_received, s.lang));
            text(id + ".state", text(text_key::state_received, s.lang), "status", "received", colour_ok);
            text(id + ".dossier_code", std::string(text(text_key::dossier_code, s.lang)) + ": " + item.dossier_code,
                 "text", item.dossier_code);
            text(id + ".due_date", std::string(text(text_key::due_date, s.lang)) + ": " + vn_date(item.due_date),
                 "text", item.due_date);
            // What the office did since, from the signed feed.
            if (const auto* e = app.latest_status(item.id))
                text(id + ".status_note", s.lang == language::vi ? e->note_vi : e->note_en, "status",
                     std::to_string(e->status), e->status == 3 || e->status == 5 || e->status == 6 ? colour_warning
                                                                                                : colour_muted);
            break;
        case client::outbox_state::failed:
            text(id, title, "listitem", text(text_key::state_failed, s.lang));
            text(id + ".state", text(text_key::state_failed, s.lang), "status", "failed", colour_error);
            if (item.last_error)
                text(id + ".error", s.lang == language::vi ? item.last_error->vi : item.last_error->en, "error", {},
                     colour_error);
            break;
        }
        ImGui::PopID();
    }
}

} // namespace

void draw_screen_frame(const char* window_id, screen_state& s, const std::function<void()>& body) {
    set_language(s.lang);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin(window_id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (const float dy = take_scroll(); dy != 0) ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() + dy));
    // Readable line length on wide screens; the whole width on a phone.
    const float max_width = 40.0f * ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    if (width > max_width) ImGui::Indent((width - max_width) / 2);
    ImGui::PushItemWidth(std::min(width, max_width));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(width, max_width));
    body();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::PopItemWidth();
    ImGui::End();
}

void draw_citizen_screen(client::citizen_app& app, screen_state& s) {
    draw_screen_frame("##citizen", s, [&] {
        draw_header(app, s);
        draw_form(app, s);
        draw_outbox(app, s);
        draw_footer(s);
    });
}

} // namespace motcua::ui
