// The transition table. Rows read: move, by whom, from, to, who holds it then, where, form.
#include "shared/workflow/transitions.hpp"

namespace motcua::workflow {

namespace {
// Short names so that each row fits on one line.
constexpr auto citizen = role::citizen;
constexpr auto desk = role::receiving_officer;
constexpr auto specialist = role::specialist;
constexpr auto leader = role::leader;
constexpr auto sys = role::system;

constexpr auto submitted = dossier_status::submitted;
constexpr auto accepted = dossier_status::accepted;
constexpr auto refused = dossier_status::refused;
constexpr auto processing = dossier_status::processing;
constexpr auto supplement_requested = dossier_status::supplement_requested;
constexpr auto payment_requested = dossier_status::payment_requested;
constexpr auto withdrawn = dossier_status::withdrawn;
constexpr auto stopped = dossier_status::stopped;
constexpr auto processed = dossier_status::processed;
constexpr auto returned = dossier_status::returned;

constexpr auto same = destination::same_unit;
constexpr auto named = destination::named_unit;
constexpr auto back = destination::back;

constexpr std::optional<dossier_status> no_dossier = std::nullopt;
constexpr std::optional<form_kind> no_form = std::nullopt;

constexpr transition table[] = {
    // The citizen files online or at the desk; the desk keys in a paper dossier; the system
    // brings in dossiers filed on the national portal.
    {move::submit, citizen, no_dossier, submitted, desk, named, no_form},
    {move::submit, desk, no_dossier, submitted, desk, named, no_form},
    {move::submit, sys, no_dossier, submitted, desk, named, no_form},
    // Reception: a receipt with the appointment date, or one request listing everything
    // missing, or a written refusal; fees due at filing are asked for here.
    {move::accept, desk, submitted, accepted, desk, same, form_kind::receipt},
    {move::request_supplement, desk, submitted, supplement_requested, citizen, same,
     form_kind::supplement_request},
    {move::refuse, desk, submitted, refused, citizen, same, form_kind::refusal},
    {move::request_payment, desk, submitted, payment_requested, citizen, same, no_form},
    // Hand-over from the desk to a specialist of the same unit, or to another unit (liên
    // thông), and on between units.
    {move::start_processing, specialist, accepted, processing, specialist, same, no_form},
    {move::transfer, desk, accepted, processing, specialist, named, no_form},
    {move::transfer, specialist, processing, processing, specialist, named, no_form},
    {move::transfer, leader, processing, processing, specialist, named, no_form},
    // Processing.
    {move::request_supplement, specialist, processing, supplement_requested, citizen, same,
     form_kind::supplement_request},
    {move::request_payment, specialist, processing, payment_requested, citizen, same, no_form},
    {move::refuse, leader, processing, refused, citizen, same, form_kind::refusal},
    {move::approve, leader, processing, processed, desk, same, no_form},
    // The result goes to the desk of the unit that received the dossier.
    {move::transfer, desk, processed, processed, desk, named, no_form},
    // The citizen answers (or a payment gateway confirms): back to where it was paused.
    {move::supplement, citizen, supplement_requested, submitted, desk, back, no_form},
    {move::supplement, citizen, supplement_requested, processing, specialist, back, no_form},
    {move::pay, citizen, payment_requested, submitted, desk, back, no_form},
    {move::pay, citizen, payment_requested, processing, specialist, back, no_form},
    {move::pay, citizen, payment_requested, processed, desk, back, no_form},
    {move::pay, sys, payment_requested, submitted, desk, back, no_form},
    {move::pay, sys, payment_requested, processing, specialist, back, no_form},
    {move::pay, sys, payment_requested, processed, desk, back, no_form},
    // Fees due with the result; then the desk returns it.
    {move::request_payment, desk, processed, payment_requested, citizen, same, no_form},
    {move::return_result, desk, processed, returned, citizen, same, no_form},
    // The citizen may withdraw until the result is ready.
    {move::withdraw, citizen, submitted, withdrawn, citizen, same, no_form},
    {move::withdraw, citizen, accepted, withdrawn, citizen, same, no_form},
    {move::withdraw, citizen, processing, withdrawn, citizen, same, no_form},
    {move::withdraw, citizen, supplement_requested, withdrawn, citizen, same, no_form},
    {move::withdraw, citizen, payment_requested, withdrawn, citizen, same, no_form},
    // Stopping, by the leader, or by the system when a supplement request went unanswered.
    // The stop notice exists only in the 2025 rule set; before it the move issues nothing.
    {move::stop_processing, leader, accepted, stopped, citizen, same, form_kind::stop_notice},
    {move::stop_processing, leader, processing, stopped, citizen, same, form_kind::stop_notice},
    {move::stop_processing, leader, supplement_requested, stopped, citizen, same,
     form_kind::stop_notice},
    {move::stop_processing, leader, payment_requested, stopped, citizen, same,
     form_kind::stop_notice},
    {move::stop_processing, sys, supplement_requested, stopped, citizen, same,
     form_kind::stop_notice},
    // A late dossier: the leader of the unit holding it apologises and sets a new date (once;
    // the checks are in apply()). The holder does not change.
    {move::apologise, leader, accepted, accepted, desk, same, form_kind::apology},
    {move::apologise, leader, processing, processing, specialist, same, form_kind::apology},
};
} // namespace

transition_list transition_table() {
    return {table, sizeof table / sizeof table[0]};
}

} // namespace motcua::workflow
