#include "shared/workflow/forms.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace motcua;
using namespace motcua::workflow;

TEST_CASE("before 1/7/2025 the six forms of Circular 01/2018 are in force") {
    const auto& set = rule_set_in_force({2025, 6, 30});
    CHECK(set.id == "nd61-2018");
    CHECK(set.circular == "Thông tư 01/2018/TT-VPCP");
    CHECK_FALSE(set.unconfirmed);
    const auto& forms = forms_in_force({2025, 6, 30});
    REQUIRE(forms.size() == 6);
    const form_kind order[] = {form_kind::receipt,         form_kind::supplement_request,
                               form_kind::refusal,         form_kind::apology,
                               form_kind::process_control, form_kind::tracking_log};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(forms[i].kind == order[i]);
        CHECK(forms[i].number == "0" + std::to_string(i + 1));
    }
    CHECK(forms[0].vi == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
    CHECK(find_form(set, form_kind::stop_notice) == nullptr);
}

TEST_CASE("from 1/7/2025 the seven forms of Circular 03/2025, flagged unconfirmed") {
    const auto& set = rule_set_in_force({2025, 7, 1});
    CHECK(set.id == "nd118-2025");
    CHECK(set.decree == "Nghị định 118/2025/NĐ-CP");
    CHECK(set.unconfirmed);
    CHECK(forms_in_force({2025, 7, 1}).size() == 7);
    CHECK(forms_in_force({2030, 1, 1}).size() == 7);
    const auto* stop = find_form(set, form_kind::stop_notice);
    REQUIRE(stop);
    CHECK(stop->vi == "Phiếu dừng xử lý hồ sơ");
    std::set<form_kind> kinds;
    for (const auto& f : set.forms)
        CHECK(kinds.insert(f.kind).second);
}

TEST_CASE("a day before every known rule set gets the oldest; no sets give an empty one") {
    CHECK(rule_set_in_force({2010, 1, 1}).id == "nd61-2018");
    std::vector<rule_set> none;
    CHECK(forms_in_force({2025, 1, 1}, none).empty());
    // Order of the list does not matter.
    std::vector<rule_set> reversed(default_rule_sets().rbegin(), default_rule_sets().rend());
    CHECK(rule_set_in_force({2025, 7, 1}, reversed).id == "nd118-2025");
    CHECK(rule_set_in_force({2025, 6, 30}, reversed).id == "nd61-2018");
    CHECK(rule_set_in_force({2001, 6, 30}, reversed).id == "nd61-2018");
}
