#include "shared/workflow/dossier_state.hpp"

#include "shared/workflow/portal_status.hpp"
#include "shared/workflow/transitions.hpp"
#include "tests/shared/workflow/workflow_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace motcua;
using namespace motcua::workflow;
using namespace motcua::workflow::testing;

namespace {
std::string code_of_failure(const result<dossier_state>& r) {
    return r ? "ok" : r.err().code;
}

std::string try_move(walker& w, const dossier_state& s, const move_request& q, int minutes = 30) {
    w.at += minutes * 60;
    return code_of_failure(apply(s, q, w.ctx()));
}

move_request apology(civil_date new_due) {
    auto q = with_reasons(by(move::apologise, role::leader));
    q.reasons = {"Phải xác minh thêm tại nơi cư trú cũ"};
    q.new_due = new_due;
    return q;
}
} // namespace

TEST_CASE("a commune dossier goes from submission to the returned result, each step recorded") {
    walker w;
    auto s = w.submitted();
    CHECK(portal_word(s) == "receiving");

    auto accept = by(move::accept, role::receiving_officer);
    accept.processing_days = 5;
    accept.step_days = 1; // the desk passes it on by the next working day
    s = w.step(s, accept);
    CHECK(s.status == dossier_status::accepted);
    CHECK(s.received == civil_date{2025, 3, 3});
    CHECK(s.due == civil_date{2025, 3, 10}); // 5 working days after Monday 3/3
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].kind == form_kind::receipt);
    CHECK(s.documents[0].number == "01");
    CHECK(s.documents[0].date == civil_date{2025, 3, 10});
    CHECK(portal_word(s) == "new");

    w.at = local({2025, 3, 4}, 9);
    auto start = by(move::start_processing, role::specialist);
    start.step_days = 3;
    s = must(apply(s, start, w.ctx()));
    CHECK(portal_word(s) == "processing");

    w.at = local({2025, 3, 6}, 14);
    s = must(apply(s, by(move::approve, role::leader), w.ctx()));
    CHECK(portal_word(s) == "releasing");
    CHECK(s.holder == role::receiving_officer);

    w.at = local({2025, 3, 7}, 10);
    s = must(apply(s, by(move::return_result, role::receiving_officer), w.ctx()));
    CHECK(s.status == dossier_status::returned);
    CHECK(portal_word(s) == "done");
    CHECK(portal_code(s) == 10);
    CHECK(s.due == civil_date{2025, 3, 10});

    REQUIRE(s.process_control.size() == 3);
    const auto& pc = s.process_control;
    CHECK(pc[0].from_role == role::receiving_officer);
    CHECK(pc[0].to_role == role::specialist);
    CHECK(pc[0].due == civil_date{2025, 3, 4});
    CHECK(pc[1].from_role == role::specialist);
    CHECK(pc[1].to_role == role::receiving_officer);
    CHECK(pc[1].due == civil_date{2025, 3, 7}); // 3 working days from Tuesday
    CHECK(pc[2].to_role == role::citizen);
    CHECK(pc[2].due == civil_date{2025, 3, 10}); // the desk's step runs to the dossier's due date
    for (const auto& h : pc) {
        CHECK(h.on_time);
        CHECK(h.from_unit == commune);
        CHECK(h.actor == "Nguyễn Văn An");
    }
    CHECK(s.documents.size() == 1);
    auto again = apply(s, by(move::approve, role::leader), w.ctx());
    REQUIRE_FALSE(again);
    CHECK(again.err().code == "dossier_closed");
}

TEST_CASE("liên thông over three levels records each hand-over, on time or late") {
    walker w;
    auto s = w.submitted(commune);
    auto accept = by(move::accept, role::receiving_officer, commune);
    accept.processing_days = 15;
    accept.step_days = 1;
    s = w.step(s, accept);
    CHECK(s.due == civil_date{2025, 3, 24});

    // Commune desk → district, the next day: on time.
    w.at = local({2025, 3, 4}, 10);
    auto to_district = by(move::transfer, role::receiving_officer, commune);
    to_district.to_unit = district;
    to_district.step_days = 5;
    s = must(apply(s, to_district, w.ctx()));
    CHECK(s.unit == district);
    CHECK(s.holder == role::specialist);
    CHECK(portal_word(s) == "interoperating");

    // A commune officer can no longer act on it.
    auto wrong = by(move::approve, role::leader, commune);
    CHECK(try_move(w, s, wrong) == "wrong_unit");

    // District → city department, a day after the district's 5 days (due 11/3): late.
    w.at = local({2025, 3, 12}, 9);
    auto to_department = by(move::transfer, role::specialist, district);
    to_department.to_unit = department;
    to_department.step_days = 5;
    s = must(apply(s, to_department, w.ctx()));
    CHECK(s.unit == department);

    w.at = local({2025, 3, 18}, 15);
    s = must(apply(s, by(move::approve, role::leader, department), w.ctx()));
    CHECK(s.status == dossier_status::processed);
    // The result is returned where the dossier was filed, not at the department.
    CHECK(try_move(w, s, by(move::return_result, role::receiving_officer, department)) ==
          "result_not_at_receiving_unit");

    auto back_home = by(move::transfer, role::receiving_officer, department);
    back_home.to_unit = commune;
    back_home.step_days = 1;
    s = w.step(s, back_home);
    w.at = local({2025, 3, 19}, 8);
    s = must(apply(s, by(move::return_result, role::receiving_officer, commune), w.ctx()));
    CHECK(s.status == dossier_status::returned);

    REQUIRE(s.process_control.size() == 5);
    const auto& pc = s.process_control;
    CHECK(pc[0].from_unit == commune);
    CHECK(pc[0].to_unit == district);
    CHECK(pc[0].due == civil_date{2025, 3, 4});
    CHECK(pc[0].on_time);
    CHECK(pc[1].from_unit == district);
    CHECK(pc[1].to_unit == department);
    CHECK(pc[1].due == civil_date{2025, 3, 11});
    CHECK_FALSE(pc[1].on_time);
    CHECK(pc[2].by_move == move::approve);
    CHECK(pc[2].due == civil_date{2025, 3, 19});
    CHECK(pc[2].on_time);
    CHECK(pc[3].from_unit == department);
    CHECK(pc[3].to_unit == commune);
    CHECK(pc[3].to_role == role::receiving_officer);
    CHECK(pc[3].on_time);
    CHECK(pc[4].to_role == role::citizen);
    CHECK(pc[4].due == civil_date{2025, 3, 19});
    CHECK(pc[4].on_time);
}

TEST_CASE("liên thông over two levels after 1/7/2025: commune to a province department") {
    walker w;
    w.at = local({2025, 7, 7}, 8);
    const std::string ward = "00004", so = "01-so-xay-dung";
    auto s = w.submitted(ward);
    auto accept = by(move::accept, role::receiving_officer, ward);
    accept.processing_days = 10;
    s = w.step(s, accept);
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].rule_set == "nd118-2025");

    auto out = by(move::transfer, role::receiving_officer, ward);
    out.to_unit = so;
    out.step_days = 7;
    s = w.step(s, out);
    CHECK(portal_word(s) == "interoperating");
    s = w.step(s, by(move::approve, role::leader, so));
    auto home = by(move::transfer, role::receiving_officer, so);
    home.to_unit = ward;
    s = w.step(s, home);
    s = w.step(s, by(move::return_result, role::receiving_officer, ward));
    CHECK(s.status == dossier_status::returned);
    REQUIRE(s.process_control.size() == 4);
    for (const auto& h : s.process_control)
        CHECK(h.on_time);
}

TEST_CASE(
    "an apology with a new date is accepted once, up to one working day before the due date") {
    walker w;
    auto s = w.accepted(5); // due Monday 10/3; the last day for an apology is Friday 7/3
    REQUIRE(s.due == civil_date{2025, 3, 10});
    s = w.step(s, by(move::start_processing, role::specialist));

    SUBCASE("on the last working day before the deadline: accepted, and only once") {
        w.at = local({2025, 3, 7}, 16);
        auto moved = apply(s, apology({2025, 3, 14}), w.ctx());
        REQUIRE(moved);
        CHECK(moved->due == civil_date{2025, 3, 14});
        CHECK(moved->apology_used);
        CHECK(moved->status == dossier_status::processing);
        REQUIRE(moved->documents.size() == 2);
        CHECK(moved->documents[1].kind == form_kind::apology);
        CHECK(moved->documents[1].number == "04");
        CHECK(moved->documents[1].date == civil_date{2025, 3, 14});
        CHECK(moved->documents[1].reasons.size() == 1);
        CHECK(try_move(w, *moved, apology({2025, 3, 20}), 1) == "apology_already_used");
    }
    SUBCASE("on the Saturday before a Monday deadline: too late") {
        w.at = local({2025, 3, 8}, 9);
        CHECK(try_move(w, s, apology({2025, 3, 14}), 0) == "apology_too_late");
    }
    SUBCASE("on the deadline or after: too late") {
        w.at = local({2025, 3, 10}, 8);
        CHECK(try_move(w, s, apology({2025, 3, 14}), 0) == "apology_too_late");
        w.at = local({2025, 3, 12}, 8);
        CHECK(try_move(w, s, apology({2025, 3, 14}), 0) == "apology_too_late");
    }
    SUBCASE("the new date is given, later than the old one and a working day, with reasons") {
        w.at = local({2025, 3, 5}, 9);
        auto none = apology({2025, 3, 14});
        none.new_due.reset();
        CHECK(try_move(w, s, none) == "apology_date_required");
        CHECK(try_move(w, s, apology({2025, 3, 10})) == "apology_date_not_later");
        CHECK(try_move(w, s, apology({2025, 3, 7})) == "apology_date_not_later");
        CHECK(try_move(w, s, apology({2025, 3, 15})) == "apology_date_not_working_day");
        auto silent = apology({2025, 3, 14});
        silent.reasons.clear();
        CHECK(try_move(w, s, silent) == "reasons_required");
        auto by_specialist = apology({2025, 3, 14});
        by_specialist.by = role::specialist;
        CHECK(try_move(w, s, by_specialist) == "role_not_allowed");
    }
}

TEST_CASE("holidays count against the apology deadline and the new date") {
    walker w;
    w.off.holidays = {{2025, 4, 30}, {2025, 5, 1}};
    w.at = local({2025, 4, 25}, 8); // Friday
    auto s = w.submitted();
    auto accept = by(move::accept, role::receiving_officer);
    accept.processing_days = 3; // Mon 28, Tue 29, Fri 2/5
    s = w.step(s, accept);
    REQUIRE(s.due == civil_date{2025, 5, 2});
    CHECK(previous_working_day(*s.due, w.off) == civil_date{2025, 4, 29});
    w.at = local({2025, 4, 30}, 9); // a holiday, after the last working day before the deadline
    CHECK(try_move(w, s, apology({2025, 5, 9}), 0) == "apology_too_late");
    w.at = local({2025, 4, 29}, 16);
    CHECK(try_move(w, s, apology({2025, 5, 1}), 0) == "apology_date_not_later");
    CHECK(try_move(w, s, apology({2025, 5, 3}), 0) == "apology_date_not_working_day");
    CHECK(try_move(w, s, apology({2025, 5, 6}), 0) == "ok");
}

TEST_CASE("nothing can be done to a refused, withdrawn, stopped or returned dossier") {
    for (auto final_status : {dossier_status::refused, dossier_status::withdrawn,
                              dossier_status::stopped, dossier_status::returned}) {
        walker w;
        auto s = w.in(final_status);
        REQUIRE(s.status == final_status);
        CHECK(allowed_moves(s, role::leader).empty());
        for (int m = 0; m < move_count; ++m)
            for (int r = 0; r < role_count; ++r) {
                auto q = with_reasons(by(static_cast<move>(m), static_cast<role>(r), s.unit));
                q.to_unit = district;
                q.new_due = civil_date{2025, 12, 1};
                auto out = apply(s, q, w.ctx());
                REQUIRE_FALSE(out);
                CHECK(out.err().code == "dossier_closed");
            }
    }
}

TEST_CASE("a move the table does not list fails as wrong state or wrong role, never silently") {
    int refused = 0;
    for (int c = first_status_code; c <= last_status_code; ++c) {
        auto st = static_cast<dossier_status>(c);
        if (is_terminal(st)) continue;
        walker w;
        auto s = w.in(st);
        for (int m = 0; m < move_count; ++m)
            for (int r = 0; r < role_count; ++r) {
                bool listed = false;
                for (const auto& t : transition_table())
                    listed = listed || (static_cast<int>(t.what) == m &&
                                        static_cast<int>(t.by) == r && t.from == st &&
                                        (t.where != destination::back || s.paused->from == t.to));
                if (listed) continue;
                auto q = with_reasons(by(static_cast<move>(m), static_cast<role>(r), s.unit));
                auto out = apply(s, q, w.ctx());
                REQUIRE_FALSE(out);
                CHECK((out.err().code == "move_not_allowed_in_state" ||
                       out.err().code == "role_not_allowed"));
                ++refused;
            }
    }
    CHECK(refused > 300);
}

TEST_CASE("each kind of invalid move says why, in Vietnamese and in English") {
    walker w;
    auto s = w.submitted();

    CHECK(try_move(w, s, by(move::approve, role::leader)) == "move_not_allowed_in_state");
    auto resubmit = by(move::submit, role::citizen);
    resubmit.to_unit = commune;
    CHECK(try_move(w, s, resubmit) == "move_not_allowed_in_state");
    CHECK(try_move(w, s, by(move::accept, role::citizen)) == "role_not_allowed");
    CHECK(try_move(w, s, by(move::accept, role::specialist)) == "role_not_allowed");

    auto nameless = by(move::accept, role::receiving_officer);
    nameless.actor = " ";
    CHECK(try_move(w, s, nameless) == "actor_required");
    CHECK(try_move(w, s, by(move::accept, role::receiving_officer, district)) == "wrong_unit");

    auto days = by(move::accept, role::receiving_officer);
    days.processing_days = -1;
    CHECK(try_move(w, s, days) == "processing_days_invalid");
    days.processing_days = max_processing_days + 1;
    CHECK(try_move(w, s, days) == "processing_days_invalid");
    days.processing_days = 5;
    days.step_days = -2;
    CHECK(try_move(w, s, days) == "step_days_invalid");

    CHECK(try_move(w, s, by(move::refuse, role::receiving_officer)) == "reasons_required");
    auto blank_item = with_reasons(by(move::request_supplement, role::receiving_officer));
    blank_item.reasons.push_back("   ");
    CHECK(try_move(w, s, blank_item) == "reasons_required");

    auto earlier = by(move::accept, role::receiving_officer);
    earlier.processing_days = 5;
    w.at = s.last_move_at - 1;
    CHECK(code_of_failure(apply(s, earlier, w.ctx())) == "move_time_before_last");

    auto p = w.processing();
    CHECK(try_move(w, p, by(move::stop_processing, role::leader)) == "reasons_required");
    auto nowhere = by(move::transfer, role::specialist);
    CHECK(try_move(w, p, nowhere) == "transfer_unit_required");
    nowhere.to_unit = commune;
    CHECK(try_move(w, p, nowhere) == "transfer_same_unit");
    CHECK(try_move(w, p, by(move::return_result, role::receiving_officer)) ==
          "move_not_allowed_in_state");
    CHECK(try_move(w, p, by(move::supplement, role::citizen)) == "move_not_allowed_in_state");

    auto no_unit = by(move::submit, role::citizen);
    auto opened = open_dossier(no_unit, w.ctx());
    REQUIRE_FALSE(opened);
    CHECK(opened.err().code == "receiving_unit_required");
    opened = open_dossier(by(move::accept, role::receiving_officer), w.ctx());
    REQUIRE_FALSE(opened);
    CHECK(opened.err().code == "dossier_not_submitted");

    // Every message is written out in both languages.
    auto e = apply(s, by(move::accept, role::citizen), w.ctx()).err();
    CHECK(e.vi.find("Cán bộ tiếp nhận") != std::string::npos);
    CHECK(e.en.find("Receiving officer") != std::string::npos);
    CHECK(e.vi != e.en);
}

TEST_CASE("a request to supplement pauses the dossier with the citizen; the answer resumes it") {
    walker w;
    auto p = w.processing(10);
    auto due = p.due;
    auto asked = w.step(p, with_reasons(by(move::request_supplement, role::specialist)));
    CHECK(asked.status == dossier_status::supplement_requested);
    CHECK(asked.holder == role::citizen);
    CHECK(portal_word(asked) == "waiting");
    REQUIRE(asked.documents.back().kind == form_kind::supplement_request);
    CHECK(asked.documents.back().reasons.size() == 2);
    CHECK(allowed_moves(asked, role::citizen) ==
          std::vector<move>{move::supplement, move::withdraw});

    auto back = w.step(asked, by(move::supplement, role::citizen));
    CHECK(back.status == dossier_status::processing);
    CHECK(back.holder == role::specialist);
    CHECK(back.unit == commune);
    CHECK(back.due == due); // only an apology moves the date
    CHECK_FALSE(back.paused);
    CHECK(back.process_control.size() == p.process_control.size() + 2);

    // At reception, the dossier comes back as newly submitted, to be checked again.
    auto fresh = w.submitted();
    auto incomplete =
        w.step(fresh, with_reasons(by(move::request_supplement, role::receiving_officer)));
    auto resubmitted = w.step(incomplete, by(move::supplement, role::citizen));
    CHECK(resubmitted.status == dossier_status::submitted);
    CHECK(resubmitted.holder == role::receiving_officer);
    CHECK_FALSE(resubmitted.due);
}

TEST_CASE("fees asked with the result are paid, then the result is returned") {
    walker w;
    auto s = w.processed();
    s = w.step(s, by(move::request_payment, role::receiving_officer));
    CHECK(portal_word(s) == "paying");
    s = w.step(s, by(move::pay, role::system)); // the payment gateway confirms
    CHECK(s.status == dossier_status::processed);
    CHECK(s.holder == role::receiving_officer);
    s = w.step(s, by(move::return_result, role::receiving_officer));
    CHECK(s.status == dossier_status::returned);
}

TEST_CASE("a dossier accepted after the agency's cut-off counts as received the next working day") {
    walker w;
    w.at = local({2025, 3, 7}, 14); // Friday
    auto s = w.submitted();
    auto accept = by(move::accept, role::receiving_officer);
    accept.processing_days = 1;

    w.at = local({2025, 3, 7}, 14, 59);
    context before{w.at, w.off, 15 * 3600};
    auto early = apply(s, accept, before);
    REQUIRE(early);
    CHECK(early->received == civil_date{2025, 3, 7});
    CHECK(early->due == civil_date{2025, 3, 10});

    w.at = local({2025, 3, 7}, 15, 0);
    context after{w.at, w.off, 15 * 3600};
    auto late = apply(s, accept, after);
    REQUIRE(late);
    CHECK(late->received == civil_date{2025, 3, 10});
    CHECK(late->due == civil_date{2025, 3, 11});

    // Without a cut-off setting, the time of day does not matter.
    auto plain = apply(s, accept, w.ctx());
    REQUIRE(plain);
    CHECK(plain->received == civil_date{2025, 3, 7});
}

TEST_CASE("stopping issues a stop notice only under the 2025 rules") {
    walker old_rules;
    auto s = old_rules.processing();
    s = old_rules.step(s, with_reasons(by(move::stop_processing, role::leader)));
    CHECK(s.status == dossier_status::stopped);
    CHECK(portal_word(s) == "unresolved");
    CHECK(s.documents.size() == 1); // the receipt only

    walker new_rules;
    new_rules.at = local({2025, 7, 1}, 8);
    auto n = new_rules.processing();
    n = new_rules.step(n, with_reasons(by(move::stop_processing, role::leader)));
    REQUIRE(n.documents.size() == 2);
    CHECK(n.documents[1].kind == form_kind::stop_notice);
    CHECK(n.documents[1].rule_set == "nd118-2025");
    CHECK(n.documents[1].number == "05");
    CHECK(n.documents[1].reasons.size() == 2);
}

TEST_CASE("form sets loaded as data replace the built-in ones") {
    std::vector<rule_set> custom = {
        {"local-2019",
         "Quyết định địa phương",
         "",
         {2019, 1, 1},
         true,
         {{form_kind::receipt, "TN-1", "Giấy biên nhận", "Receipt"}}},
    };
    walker w;
    auto s = w.submitted();
    auto accept = by(move::accept, role::receiving_officer);
    accept.processing_days = 3;
    context ctx{w.at + 60, w.off, std::nullopt, &custom};
    auto a = apply(s, accept, ctx);
    REQUIRE(a);
    REQUIRE(a->documents.size() == 1);
    CHECK(a->documents[0].number == "TN-1");
    CHECK(a->documents[0].rule_set == "local-2019");
}

TEST_CASE("the moves a role may make now come from the table") {
    walker w;
    auto p = w.processing();
    auto specialist = allowed_moves(p, role::specialist);
    std::sort(specialist.begin(), specialist.end());
    CHECK(specialist ==
          std::vector<move>{move::request_supplement, move::transfer, move::request_payment});
    CHECK(allowed_moves(p, role::citizen) == std::vector<move>{move::withdraw});
    CHECK(allowed_moves(w.submitted(), role::specialist).empty());
}
