// The form's half of the control-character rule (the codec's is in tests/shared/protocol): a
// line break only in a long_text field, no other control character anywhere; what a person
// types with \r\n is made \n before it is checked, so the device signs what the server accepts.
#include "shared/forms/form.hpp"

#include "shared/catalog/catalog.hpp"

#include <doctest/doctest.h>

#include <optional>

using namespace motcua;

namespace {

constexpr civil_date today{2026, 11, 24};

// Re-registration of a birth (1.004884): three required fields and a long_text one.
const forms::form_def& request_form() { return catalog::builtin().find("1.004884")->current_form(); }

forms::values complete_request() {
    return {{"applicant_name", "Lê Văn Tám"}, {"applicant_id", "001089012345"}, {"address", "Số 1 Hàng Bài"}};
}

std::optional<forms::field_problem> control_problem(const std::vector<forms::field_problem>& problems) {
    for (const auto& p : problems)
        if (p.message.code == "control_character") return p;
    return std::nullopt;
}

} // namespace

TEST_CASE("a line break: kept in a long_text field, refused first in a one-line one, naming it") {
    REQUIRE(request_form().find("request")->kind == forms::field_kind::long_text);
    auto v = complete_request();
    REQUIRE(forms::validate(request_form(), v, today).empty());
    v["request"] = "Xin cấp lại giấy.\nLý do: bị mất.\n\nXin cảm ơn.";
    CHECK(forms::validate(request_form(), v, today).empty());

    v["address"] = "Số 1\nHàng Bài";
    auto problems = forms::validate(request_form(), v, today);
    REQUIRE_FALSE(problems.empty());
    const auto& first = problems.front();
    CHECK(first.field == "address");
    CHECK(first.message.code == "control_character");
    CHECK(first.level == forms::severity::error);
    CHECK(first.message.vi.find("Nơi cư trú") == 0);
    CHECK(first.message.vi.find("xuống dòng") != std::string::npos);
    CHECK(first.message.en.find("Place of residence") == 0);
}

TEST_CASE("no other control character, not even in a long_text field; typed \\r\\n is made \\n first") {
    for (const std::string& bad : std::vector<std::string>{"a\rb", "a\r\nb", "a\tb", std::string("a\0b", 3), "a\x1b[31mb", "a\x7f"}) {
        CAPTURE(bad);
        auto v = complete_request();
        v["request"] = bad;
        auto p = control_problem(forms::validate(request_form(), v, today));
        REQUIRE(p);
        CHECK(p->field == "request");
        CHECK(p->message.vi.find("Nội dung đề nghị") == 0);
        CHECK(p->message.vi.find("U+00") != std::string::npos);
    }
    // What a person types goes through normalize first: \r\n becomes \n (a lone \r a space) in
    // a long_text field, every line break or tab a space in a one-line one; so the device signs
    // only what the server accepts, and the server never has to change a signed value.
    const auto& form = request_form();
    auto typed = forms::normalize(*form.find("request"), "Dòng một\r\nDòng hai\rba");
    REQUIRE(typed);
    CHECK(*typed == "Dòng một\nDòng hai ba");
    auto one_line = forms::normalize(*form.find("address"), "Số 1\r\nHàng Bài\tHà Nội");
    REQUIRE(one_line);
    CHECK(*one_line == "Số 1 Hàng Bài Hà Nội");
    auto v = complete_request();
    v["request"] = *typed;
    v["address"] = *one_line;
    CHECK(forms::validate(form, v, today).empty());
}

TEST_CASE("values nobody sees are checked too: hidden, computed, unknown, in a group") {
    const auto& birth = *catalog::builtin().find("1.001193")->form_version(2);
    forms::values v{{"child_birth_date_words", "hai\nmươi"}}; // computed, not typed
    CHECK(control_problem(forms::validate(birth, v, today)));
    v = {{"marriage_certificate_no", "12\n3"}, {"parents_married", ""}}; // hidden unless married
    CHECK(control_problem(forms::validate(birth, v, today)));
    v = {{"no_such_field", "a\nb"}};
    auto p = control_problem(forms::validate(birth, v, today));
    REQUIRE(p);
    CHECK(p->message.vi.find("no_such_field") == 0);

    forms::form_def form;
    forms::field_def note;
    note.id = "note";
    note.label_vi = "Ghi chú";
    note.label_en = "Note";
    note.kind = forms::field_kind::long_text;
    forms::field_def name = note;
    name.id = "name";
    name.kind = forms::field_kind::text;
    forms::field_def group;
    group.id = "items";
    group.kind = forms::field_kind::group;
    group.fields = {name, note};
    form.fields = {group};
    CHECK_FALSE(control_problem(forms::validate(form, {{"items.0.name", "A"}, {"items.0.note", "a\nb"}}, today)));
    p = control_problem(forms::validate(form, {{"items.0.name", "A\nB"}, {"items.0.note", "a"}}, today));
    REQUIRE(p);
    CHECK(p->field == "items.0.name");
}

