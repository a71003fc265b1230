// What a provincial system reports to the national public-service portal for a dossier: the
// status code 1–10 and the status word (receiving, new, processing, ...), from one table.
#pragma once

#include "shared/workflow/dossier_state.hpp"
#include "shared/workflow/vocabulary.hpp"

#include <string_view>

namespace motcua::workflow {

// Whether the dossier is at the unit that received it; a dossier being processed elsewhere is
// reported as "interoperating" (liên thông).
enum class location : std::uint8_t { any, receiving_unit, other_unit };

struct portal_word_row {
    dossier_status status;
    location where;
    std::string_view word;
};

// The table, in one array (portal_status.cpp).
struct portal_word_list {
    const portal_word_row* first;
    std::size_t count;
    const portal_word_row* begin() const { return first; }
    const portal_word_row* end() const { return first + count; }
};
portal_word_list portal_word_table();

std::string_view portal_word(dossier_status s, location where);
std::string_view portal_word(const dossier_state& s);
// The national status code, 1–10.
int portal_code(const dossier_state& s);

} // namespace motcua::workflow
