// A dossier's place in the one-stop workflow and the pure function that moves it: who holds it,
// its dates, the process-control sheet (each hand-over, on time or late) and the forms issued.
// Time and days off come in with each move; nothing here reads a clock.
#pragma once

#include "shared/calendar/working_days.hpp"
#include "shared/core/date.hpp"
#include "shared/core/result.hpp"
#include "shared/workflow/forms.hpp"
#include "shared/workflow/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motcua::workflow {

// One line of the process-control sheet: who gave the dossier to whom, when, and whether the
// giver's step ended on time.
struct hand_over {
    move by_move;
    std::string from_unit;
    role from_role;
    std::string to_unit;
    role to_role;
    std::string actor;             // who made the move
    std::int64_t at = 0;           // unix seconds
    std::optional<civil_date> due; // the giver's step ended with this day; none for the citizen
    bool on_time = true;           // handed over on or before `due`
};

struct issued_document {
    form_kind kind;
    std::string number;   // the form's number in the rule set in force on the day: "01"
    std::string rule_set; // that rule set's id
    std::int64_t at = 0;
    std::string unit;
    std::string actor;
    std::vector<std::string> reasons;
    std::optional<civil_date> date; // the appointment (receipt) or the new date (apology)
};

// Where a dossier waiting on the citizen (supplement, payment) goes back to.
struct paused_step {
    dossier_status from;
    role holder;
    std::optional<civil_date> step_due;
};

struct dossier_state {
    dossier_status status = dossier_status::submitted;
    std::int64_t submitted_at = 0;
    std::int64_t last_move_at = 0;
    std::optional<civil_date> received; // set on acceptance; counting starts the day after
    std::optional<civil_date> due;      // the appointment date; moves only by the apology
    bool apology_used = false;          // the one apology with a new date has been issued
    std::string receiving_unit;         // where the dossier was filed and its result is returned
    std::string unit;                   // the unit responsible for it now
    role holder = role::receiving_officer;
    std::optional<civil_date> step_due; // the holder's own step deadline; none: the dossier's due
    std::optional<paused_step> paused;  // set while the citizen holds it (statuses 5 and 6)
    std::vector<hand_over> process_control;
    std::vector<issued_document> documents;
};

struct move_request {
    move what = move::submit;
    role by = role::citizen;
    std::string actor;                // the officer's name or account; required for officials
    std::string unit;                 // the unit the officer works at; must hold the dossier
    std::string to_unit;              // submit: the receiving unit; transfer: the next unit
    std::vector<std::string> reasons; // refuse, request_supplement, stop_processing, apologise
    int processing_days = 0;          // accept: the procedure's time limit, in working days
    // Working days the next holder has for its step; 0: until the dossier's due date.
    int step_days = 0;
    std::optional<civil_date> new_due; // apologise: the new appointment date
};

struct context {
    std::int64_t at = 0; // the time of the move, unix seconds
    const calendar::days_off& off;
    // The receiving agency's cut-off, in seconds after local midnight: a dossier accepted at or
    // after it counts as received on the next working day. A per-agency setting; none: no cut-off.
    std::optional<int> cutoff_seconds = std::nullopt;
    const std::vector<rule_set>* rules = nullptr; // the form sets; nullptr: the built-in ones
};

constexpr int max_processing_days = 365;

// A new dossier, by the submit move (errors: dossier_not_submitted, role_not_allowed,
// receiving_unit_required, actor_required, wrong_unit, step_days_invalid).
result<dossier_state> open_dossier(const move_request& request, const context& ctx);
// Every later move. Pure: the state given is not changed. The error says why the move is not
// allowed (codes: dossier_closed, move_time_before_last, move_not_allowed_in_state,
// role_not_allowed, actor_required, wrong_unit, reasons_required, processing_days_invalid,
// step_days_invalid, transfer_unit_required, transfer_same_unit, result_not_at_receiving_unit,
// apology_already_used, apology_too_late, apology_date_required, apology_date_not_later,
// apology_date_not_working_day).
result<dossier_state> apply(const dossier_state& state, const move_request& request,
                            const context& ctx);

// The moves `who` may make now (the table only; the checks of apply() may still refuse one).
std::vector<move> allowed_moves(const dossier_state& state, role who);

// The last working day before `d` (an apology must be issued on or before it).
civil_date previous_working_day(civil_date d, const calendar::days_off& off);

} // namespace motcua::workflow
