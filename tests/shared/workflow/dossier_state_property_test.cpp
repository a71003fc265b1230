// Random walks through the workflow (seeded, so a failure replays): random roles, moves, units,
// reasons, dates and times, half of them drawn from the moves the table allows, checking the
// invariants after every accepted move and the refusal of everything after a final status.
#include "shared/workflow/dossier_state.hpp"

#include "shared/workflow/portal_status.hpp"
#include "shared/workflow/transitions.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace motcua;
using namespace motcua::workflow;

namespace {

const std::vector<std::string> units = {"00001", "001", "01-so-tu-phap", "00004", ""};

const std::set<std::string> known_codes = {
    "dossier_closed",
    "move_time_before_last",
    "move_not_allowed_in_state",
    "role_not_allowed",
    "actor_required",
    "wrong_unit",
    "reasons_required",
    "processing_days_invalid",
    "step_days_invalid",
    "transfer_unit_required",
    "transfer_same_unit",
    "result_not_at_receiving_unit",
    "apology_already_used",
    "apology_too_late",
    "apology_date_required",
    "apology_date_not_later",
    "apology_date_not_working_day",
};

calendar::days_off holidays() {
    calendar::days_off off;
    // Vietnam 2025 (Tết 25/1–2/2 with its weekend, Hùng Kings 7/4, 30/4–1/5, 1–2/9) and a make-up
    // Saturday, enough to make working days differ from weekdays.
    for (int d = 27; d <= 31; ++d)
        off.holidays.insert({2025, 1, d});
    off.holidays.insert({2025, 1, 1});
    off.holidays.insert({2025, 4, 7});
    off.holidays.insert({2025, 4, 30});
    off.holidays.insert({2025, 5, 1});
    off.holidays.insert({2025, 9, 1});
    off.holidays.insert({2025, 9, 2});
    off.working_days.insert({2025, 2, 8});
    return off;
}

struct walk_stats {
    long sequences = 0;
    long attempts = 0;
    long accepted = 0;
    long after_final = 0;
    long apologies = 0;
    long late_hand_overs = 0;
    long returned = 0;
    std::set<int> statuses;
    std::set<std::size_t> rows;
    std::set<std::string> codes;
};

int one_in(std::mt19937& rng, int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(rng);
}

template <class T> const T& pick(std::mt19937& rng, const std::vector<T>& v) {
    return v[static_cast<std::size_t>(one_in(rng, static_cast<int>(v.size())))];
}

bool closes(move m) {
    return m == move::refuse || m == move::withdraw || m == move::stop_processing;
}

// Half the time a move the table allows for some role, with mostly valid details (so that walks
// get deep); otherwise anything at all, by anyone.
move_request random_request(std::mt19937& rng, const dossier_state& s,
                            const calendar::days_off& off) {
    move_request q;
    q.by = static_cast<role>(one_in(rng, role_count));
    q.what = static_cast<move>(one_in(rng, move_count));
    bool guided = one_in(rng, 2) == 0;
    if (guided) {
        std::vector<std::pair<role, move>> options;
        for (int r = 0; r < role_count; ++r)
            for (move m : allowed_moves(s, static_cast<role>(r)))
                options.push_back({static_cast<role>(r), m});
        if (!options.empty()) {
            auto choice = pick(rng, options);
            // Closing moves end the walk: redraw most of them, to get deep walks.
            for (int i = 0; i < 3 && closes(choice.second) && one_in(rng, 4) != 0; ++i)
                choice = pick(rng, options);
            q.by = choice.first;
            q.what = choice.second;
        }
    }
    // One chance in 20 (guided) or in 3 that a detail is wrong.
    const int slip = guided ? 20 : 3;
    auto slipped = [&] { return one_in(rng, slip) == 0; };
    q.unit = slipped() ? pick(rng, units) : s.unit;
    q.actor = slipped() ? "" : "Trần Thị Bình";
    if (!slipped())
        for (int i = 0, n = 1 + one_in(rng, 3); i < n; ++i)
            q.reasons.push_back("Thiếu tờ khai");
    else if (one_in(rng, 2))
        q.reasons = {"Thiếu tờ khai", " "};
    q.processing_days = slipped() ? (one_in(rng, 2) ? -1 : 400) : one_in(rng, 21);
    q.step_days = slipped() ? -1 : one_in(rng, 6);
    q.to_unit = pick(rng, units);
    if (s.status == dossier_status::processed && one_in(rng, 2)) q.to_unit = s.receiving_unit;
    if (s.due && !slipped()) {
        civil_date d = add_days(*s.due, one_in(rng, 10) - 2);
        if (!slipped())
            while (!calendar::is_working_day(d, off))
                d = add_days(d, 1);
        q.new_due = d;
    }
    return q;
}

int rows_matching(const dossier_state& before, const move_request& q, dossier_status to,
                  std::size_t& index) {
    int n = 0;
    std::size_t i = 0;
    for (const auto& t : transition_table()) {
        if (t.what == q.what && t.by == q.by && t.from == before.status && t.to == to) {
            ++n;
            index = i;
        }
        ++i;
    }
    return n;
}

int portal_words_matching(const dossier_state& s) {
    auto where = s.unit == s.receiving_unit ? location::receiving_unit : location::other_unit;
    int n = 0;
    for (const auto& row : portal_word_table())
        if (row.status == s.status && (row.where == location::any || row.where == where)) ++n;
    return n;
}

role expected_holder(dossier_status s) {
    switch (s) {
    case dossier_status::submitted:
    case dossier_status::accepted:
    case dossier_status::processed:
        return role::receiving_officer;
    case dossier_status::processing:
        return role::specialist;
    default:
        return role::citizen;
    }
}

// The invariants of one accepted move, from `a` to `b`.
void check_move(const dossier_state& a, const move_request& q, const dossier_state& b,
                std::int64_t at, walk_stats& stats) {
    // Exactly one status, a national code 1–10, one portal word, the holder it implies.
    REQUIRE(is_status_code(code_of(b.status)));
    REQUIRE(portal_words_matching(b) == 1);
    REQUIRE(b.holder == expected_holder(b.status));
    REQUIRE(b.paused.has_value() == (b.status == dossier_status::supplement_requested ||
                                     b.status == dossier_status::payment_requested));
    // Nothing leaves a final status, and the move is a row of the table.
    REQUIRE_FALSE(is_terminal(a.status));
    std::size_t row = 0;
    REQUIRE(rows_matching(a, q, b.status, row) == 1);
    stats.rows.insert(row);
    // Time moves forward.
    REQUIRE(b.last_move_at == at);
    REQUIRE(a.last_move_at <= b.last_move_at);
    // The due date is set once by acceptance, then moves only by the one apology.
    if (!a.due) REQUIRE((!b.due || q.what == move::accept));
    if (a.due) {
        REQUIRE(b.due);
        if (*b.due != *a.due) {
            REQUIRE(q.what == move::apologise);
            REQUIRE_FALSE(a.apology_used);
            REQUIRE(*a.due < *b.due);
        }
    }
    REQUIRE(b.apology_used == (a.apology_used || q.what == move::apologise));
    REQUIRE((a.received == b.received || q.what == move::accept));
    // Every hand-over (a change of unit or holder) is on the sheet, and nothing else is.
    bool handed_over = a.unit != b.unit || a.holder != b.holder;
    REQUIRE(b.process_control.size() == a.process_control.size() + (handed_over ? 1 : 0));
    if (handed_over) {
        const auto& h = b.process_control.back();
        REQUIRE(h.by_move == q.what);
        REQUIRE(h.from_unit == a.unit);
        REQUIRE(h.from_role == a.holder);
        REQUIRE(h.to_unit == b.unit);
        REQUIRE(h.to_role == b.holder);
        REQUIRE(h.at == at);
        REQUIRE(h.on_time == (!h.due || !(*h.due < vietnam_date_of(at))));
    }
    // Documents only accumulate, at most one per move; reasons travel with those that need them.
    REQUIRE(b.documents.size() - a.documents.size() <= 1);
    if (b.documents.size() > a.documents.size() && q.what != move::accept)
        REQUIRE_FALSE(b.documents.back().reasons.empty());
    // A result is returned only where the dossier was received.
    if (b.status == dossier_status::returned) REQUIRE(b.unit == b.receiving_unit);
    REQUIRE_FALSE(b.unit.empty());
}

void walk(std::mt19937& rng, const calendar::days_off& off, int max_moves, walk_stats& stats) {
    std::int64_t at = days_from_civil({2024, 1, 1}) * 86400 +
                      static_cast<std::int64_t>(one_in(rng, 3 * 365)) * 86400 + one_in(rng, 86400);
    std::optional<int> cutoff;
    if (one_in(rng, 2)) cutoff = 15 * 3600;

    move_request first;
    first.by = static_cast<role>(one_in(rng, role_count));
    first.what = one_in(rng, 10) ? move::submit : move::accept;
    first.to_unit = pick(rng, units);
    first.unit = first.to_unit;
    first.actor = "Lê Văn Cường";
    auto opened = open_dossier(first, context{at, off, cutoff});
    if (!opened) {
        stats.codes.insert(opened.err().code);
        first.by = role::citizen;
        first.what = move::submit;
        first.to_unit = "00001";
        opened = open_dossier(first, context{at, off, cutoff});
    }
    REQUIRE(opened);
    dossier_state s = *opened;
    stats.statuses.insert(code_of(s.status));
    ++stats.sequences;

    int apologies = 0;
    int after_final = 0;
    for (int i = 0; i < max_moves && after_final < 3; ++i) {
        // Mostly forward by up to a day and a half; now and then a little back in time.
        at += one_in(rng, 30) ? one_in(rng, 36 * 3600) : -one_in(rng, 4 * 3600);
        auto q = random_request(rng, s, off);
        ++stats.attempts;
        auto r = apply(s, q, context{at, off, cutoff});
        if (is_terminal(s.status)) {
            ++after_final;
            ++stats.after_final;
            REQUIRE_FALSE(r);
            REQUIRE(r.err().code == "dossier_closed");
            stats.codes.insert(r.err().code);
            continue;
        }
        if (!r) {
            const auto& e = r.err();
            REQUIRE(known_codes.count(e.code) == 1);
            REQUIRE_FALSE(e.vi.empty());
            REQUIRE_FALSE(e.en.empty());
            stats.codes.insert(e.code);
            continue;
        }
        check_move(s, q, *r, at, stats);
        if (q.what == move::apologise) ++apologies;
        REQUIRE(apologies <= 1);
        stats.apologies += q.what == move::apologise;
        if (r->process_control.size() > s.process_control.size())
            stats.late_hand_overs += !r->process_control.back().on_time;
        stats.returned += r->status == dossier_status::returned;
        s = std::move(*r);
        ++stats.accepted;
        stats.statuses.insert(code_of(s.status));
    }
}

} // namespace

TEST_CASE("random move sequences keep every invariant of the workflow") {
    constexpr int sequences = 20000;
    constexpr int max_moves = 60;
    const auto off = holidays();
    std::mt19937 rng(20250701);
    walk_stats stats;

    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < sequences; ++i)
        walk(rng, off, max_moves, stats);
    auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    MESSAGE("workflow property walk: " << stats.sequences << " sequences, " << stats.attempts
                                       << " moves tried, " << stats.accepted << " accepted, "
                                       << stats.after_final << " tried after a final status ("
                                       << stats.returned << " results returned, " << stats.apologies
                                       << " apologies, " << stats.late_hand_overs
                                       << " late hand-overs), in " << ms << " ms");

    CHECK(stats.sequences == sequences);
    // The walk reaches every status, exercises every row of the table but the submits (those
    // open dossiers) and meets every kind of refusal.
    CHECK(stats.statuses.size() == static_cast<std::size_t>(last_status_code));
    CHECK(stats.rows.size() == transition_table().count - 3);
    for (const auto& code : known_codes)
        CHECK_MESSAGE(stats.codes.count(code) == 1, code);
    CHECK(stats.after_final > sequences / 2);
    CHECK(stats.returned > sequences / 20);
    CHECK(stats.apologies > 0);
    CHECK(stats.late_hand_overs > 0);
}
