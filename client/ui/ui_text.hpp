// Every string the screens show, Vietnamese first and English second. Screens never spell
// out text themselves; they ask for it by key, in the language the person chose.
#pragma once

#include <span>
#include <string_view>

namespace motcua::ui {

enum class language { vi, en };

enum class text_key {
    app_title,
    online,
    offline,
    sync_now,
    syncing,
    switch_language,
    send_to,
    required_note,
    submit,
    clear_form,
    draft_saving,
    draft_saved_at,
    draft_save_failed,
    my_dossiers,
    nothing_sent_yet,
    state_queued,
    state_queued_offline,
    state_sending,
    uploading_attachments,
    attachments,
    add_attachment,
    attachment_limits,
    remove,
    state_received,
    state_failed,
    dossier_code,
    due_date,
    next_try,
    submitted_toast,
    fix_problems,
    check_warnings,
    storage_not_persistent,
    update_ready,
    data_procedures,
    data_units,
    update_now,
    storage_used,
    storage_kept,
    open_elsewhere,
    open_elsewhere_detail,
    take_over,
    taking_over,
    settings,
    back,
    language,
    text_size,
    text_normal,
    text_large,
    text_larger,
    high_contrast,
    back_again_to_leave,
    copy,
    cut,
    paste,
    select_all,
    pick_date,
    date_hint,
    choose_date_title,
    previous_month,
    next_month,
    weekdays_short,
    today,
    amount_in_words,
    choose,
    not_chosen,
    search_hint,
    no_matches,
    close,
    choose_this_unit,
    up_one_level,
    units_unavailable,
    add_item,
    item_number,
    move_up,
    move_down,
    remove_item,
    attach_file,
    remove_file,
    count_ // not a text: how many there are
};

std::string_view text(text_key key, language lang);

// Every entry of the table, for the test that each key has both languages.
struct text_entry {
    text_key key;
    std::string_view vi;
    std::string_view en;
};
std::span<const text_entry> all_texts();

} // namespace motcua::ui
