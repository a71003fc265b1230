#include "shared/workflow/transitions.hpp"

#include "tests/shared/workflow/workflow_fixtures.hpp"

#include <doctest/doctest.h>

#include <set>
#include <tuple>

using namespace motcua;
using namespace motcua::workflow;
using namespace motcua::workflow::testing;

namespace {
// A request that satisfies every rule of the row's move, for a dossier in `s`.
move_request valid_request(const transition& t, const dossier_state& s, const walker& w) {
    auto q = by(t.what, t.by, s.unit);
    if (t.what == move::refuse || t.what == move::request_supplement ||
        t.what == move::stop_processing || t.what == move::apologise)
        q = with_reasons(q);
    if (t.what == move::accept) q.processing_days = 10;
    if (t.what == move::transfer) q.to_unit = s.unit == district ? department : district;
    if (t.what == move::apologise && s.due) {
        q.new_due = calendar::due_date(*s.due, 5, w.off);
    }
    return q;
}

dossier_state reach(walker& w, const transition& t) {
    if (t.where == destination::back) return w.paused(*t.from, t.to);
    if (t.what == move::return_result) return w.processed(); // already at the receiving unit
    return w.in(*t.from);
}
} // namespace

TEST_CASE("every row of the table is a move apply() accepts, with the row's outcome") {
    int rows = 0;
    for (const auto& t : transition_table()) {
        if (!t.from) continue;
        ++rows;
        walker w;
        dossier_state s = reach(w, t);
        REQUIRE(s.status == *t.from);
        auto q = valid_request(t, s, w);
        w.at += 3600;
        auto r = apply(s, q, w.ctx());
        INFO("move " << name_of(t.what).en << " by " << name_of(t.by).en << " from "
                     << code_of(*t.from) << " to " << code_of(t.to));
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().code));
        CHECK(r->status == t.to);
        CHECK(r->holder == t.holder);
        CHECK(r->unit == (t.where == destination::named_unit ? q.to_unit : s.unit));
        CHECK(r->last_move_at == w.at);
        // Before 1/7/2025 there is no stop notice: stopping issues nothing then.
        if (t.produces && find_form(rule_set_in_force(vietnam_date_of(w.at)), *t.produces)) {
            REQUIRE(r->documents.size() == s.documents.size() + 1);
            CHECK(r->documents.back().kind == *t.produces);
            CHECK(r->documents.back().rule_set == "nd61-2018");
        } else {
            CHECK(r->documents.size() == s.documents.size());
        }
        bool holder_changed = r->unit != s.unit || r->holder != s.holder;
        CHECK(r->process_control.size() == s.process_control.size() + (holder_changed ? 1 : 0));
    }
    CHECK(rows == static_cast<int>(transition_table().count) - 3); // all but the three submits
}

TEST_CASE("a dossier is opened only by submit, by the citizen, the desk or the system") {
    walker w;
    for (role r : {role::citizen, role::receiving_officer, role::system}) {
        auto q = by(move::submit, r);
        q.to_unit = commune;
        auto s = open_dossier(q, w.ctx());
        REQUIRE(s);
        CHECK(s->status == dossier_status::submitted);
        CHECK(s->receiving_unit == commune);
        CHECK(s->unit == commune);
        CHECK(s->holder == role::receiving_officer);
        CHECK_FALSE(s->due);
    }
    for (role r : {role::specialist, role::leader}) {
        auto q = by(move::submit, r);
        q.to_unit = commune;
        auto s = open_dossier(q, w.ctx());
        REQUIRE_FALSE(s);
        CHECK(s.err().code == "role_not_allowed");
    }
}

TEST_CASE("the table has one row per move, role and status, except moves back to a pause") {
    std::set<std::tuple<int, int, int, int>> seen;
    for (const auto& t : transition_table()) {
        int from = t.from ? code_of(*t.from) : 0;
        int to = t.where == destination::back ? code_of(t.to) : 0;
        CHECK(seen.insert({static_cast<int>(t.what), static_cast<int>(t.by), from, to}).second);
        // Nothing leaves a closed dossier.
        if (t.from) CHECK_FALSE(is_terminal(*t.from));
        // Waiting on the citizen means the citizen holds it; a closed dossier goes back to them.
        if (t.to == dossier_status::supplement_requested ||
            t.to == dossier_status::payment_requested || is_terminal(t.to))
            CHECK(t.holder == role::citizen);
        // Only apologise keeps the status (and the holder): no move is a silent no-op.
        if (t.from && *t.from == t.to && t.what != move::transfer) CHECK(t.what == move::apologise);
    }
    // The forms that carry reasons come from the moves that must give them.
    for (const auto& t : transition_table()) {
        if (t.produces == form_kind::refusal) CHECK(t.what == move::refuse);
        if (t.produces == form_kind::supplement_request) CHECK(t.what == move::request_supplement);
        if (t.produces == form_kind::apology) CHECK(t.what == move::apologise);
        if (t.produces == form_kind::receipt) CHECK(t.what == move::accept);
    }
}

TEST_CASE("every move has at least one row, and every non-final status a way forward") {
    std::set<int> moves, from;
    for (const auto& t : transition_table()) {
        moves.insert(static_cast<int>(t.what));
        if (t.from) from.insert(code_of(*t.from));
    }
    CHECK(moves.size() == static_cast<std::size_t>(move_count));
    for (int c = first_status_code; c <= last_status_code; ++c)
        CHECK(from.count(c) == (is_terminal(static_cast<dossier_status>(c)) ? 0u : 1u));
}
