// The one table of the workflow: which role may make which move from which status, where the
// dossier goes, who holds it afterwards and which form the move issues; apply() finds moves here.
#pragma once

#include "shared/workflow/vocabulary.hpp"

#include <cstddef>
#include <optional>

namespace motcua::workflow {

enum class destination : std::uint8_t {
    same_unit,  // stays with the unit that holds it
    named_unit, // goes to the unit named in the request (submit: the receiving unit; transfer)
    // Back to the status, holder and unit it was paused from (the citizen answers a supplement
    // request or pays). A move has one such row for each status it may go back to.
    back,
};

struct transition {
    move what;
    role by;
    std::optional<dossier_status> from; // none: the dossier does not exist yet (submit)
    dossier_status to;
    role holder; // who holds the dossier afterwards
    destination where;
    std::optional<form_kind> produces; // issued only if the rule set in force has that form
};

// The table, in one array (transitions.cpp).
struct transition_list {
    const transition* first;
    std::size_t count;
    const transition* begin() const { return first; }
    const transition* end() const { return first + count; }
};
transition_list transition_table();

} // namespace motcua::workflow
