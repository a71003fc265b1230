// The mapping to the national portal's status words. The words and their pairing with codes
// 1–10 follow what provincial systems send (one published converter maps receiving→1, new→2,
// denied→3, processing→4, waiting→5, paying→6, cancelled→7, unresolved→8, releasing→9, done→10).
#include "shared/workflow/portal_status.hpp"

namespace motcua::workflow {

namespace {
constexpr portal_word_row table[] = {
    {dossier_status::submitted, location::any, "receiving"},
    {dossier_status::accepted, location::any, "new"},
    {dossier_status::refused, location::any, "denied"},
    {dossier_status::processing, location::receiving_unit, "processing"},
    {dossier_status::processing, location::other_unit, "interoperating"},
    {dossier_status::supplement_requested, location::any, "waiting"},
    {dossier_status::payment_requested, location::any, "paying"},
    {dossier_status::withdrawn, location::any, "cancelled"},
    {dossier_status::stopped, location::any, "unresolved"},
    {dossier_status::processed, location::any, "releasing"},
    {dossier_status::returned, location::any, "done"},
};
} // namespace

portal_word_list portal_word_table() {
    return {table, sizeof table / sizeof table[0]};
}

std::string_view portal_word(dossier_status s, location where) {
    for (const auto& row : table)
        if (row.status == s && (row.where == location::any || row.where == where)) return row.word;
    return {};
}

std::string_view portal_word(const dossier_state& s) {
    return portal_word(s.status, s.unit == s.receiving_unit ? location::receiving_unit
                                                            : location::other_unit);
}

int portal_code(const dossier_state& s) {
    return code_of(s.status);
}

} // namespace motcua::workflow
