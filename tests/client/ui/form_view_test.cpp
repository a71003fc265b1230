// The form view drawn headless: a widget for each field kind of every form in the catalog, the
// pickers (calendar, searchable list, administrative units), repeating groups, and the first
// problem taking the focus after a submit.
#include "client/ui/citizen_screen.hpp"
#include "client/ui/form/form_view.hpp"

#include "shared/catalog/catalog.hpp"
#include "tests/shared/units/data_files.hpp"
#include "tests/support/headless_ui.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace motcua;

namespace {

forms::field_def field(std::string id, forms::field_kind kind) {
    forms::field_def f;
    f.id = std::move(id);
    f.label_vi = "Nhãn " + f.id;
    f.label_en = "Label " + f.id;
    f.kind = kind;
    return f;
}

struct view_fixture {
    forms::form_def form;
    forms::values typed;
    std::map<std::string, forms::field_problem> problems;
    std::vector<std::string> edits;
    ui::form_view_state state;
    ui::screen_state screen;
    const units::registry* units = nullptr;
    civil_date today{2026, 12, 4};
    test::headless_ui ui;

    std::function<void()> draw = [this] {
        ui::draw_screen_frame("##form_test", screen, [this] {
            const ui::form_binding b{form,
                                     typed,
                                     problems,
                                     [this](const std::string& k) {
                                         edits.push_back(k);
                                         problems.erase(k);
                                     },
                                     [](const std::string&) { return std::string("tính sẵn"); },
                                     ui::language::vi,
                                     today,
                                     units};
            ui::draw_form_fields(b, state);
        });
    };

    const ui::ui_item* any_item(const std::string& id) const {
        for (const auto& it : ui::current_items().items())
            if (it.id == id) return &it;
        return nullptr;
    }
    void tap(const std::string& id) {
        ui.frame(draw);
        ui.tap(id, draw);
    }
};

units::registry hanoi() {
    units::registry reg;
    REQUIRE(reg.add(units::test::load_units_file(units::test::hanoi_3level, units::three_level_2025())).ok());
    REQUIRE(reg.add(units::test::load_units_file(units::test::hanoi_2level, units::two_level_2025())).ok());
    return reg;
}

} // namespace

TEST_CASE("every field of every form in the catalog is drawn with an item of its own") {
    std::size_t fields = 0;
    std::set<forms::field_kind> kinds;
    for (const auto& p : catalog::builtin().procedures()) {
        for (const auto& form : p.forms) {
            view_fixture f;
            f.form = form;
            // A row in each repeating group, and every condition met, so every field shows.
            for (const auto& fd : form.fields) {
                if (fd.visible_if) f.typed[fd.visible_if->field] = fd.visible_if->equals;
                if (fd.kind == forms::field_kind::group)
                    for (const auto& sub : fd.fields) f.typed[fd.id + ".0." + sub.id] = "";
            }
            f.ui.frame(f.draw);
            for (const auto& fd : form.fields) {
                if (!forms::visible(fd, f.typed)) continue;
                ++fields;
                kinds.insert(fd.kind);
                CHECK_MESSAGE(f.any_item("field." + fd.id), p.code << ": no item for " << fd.id);
                if (fd.kind == forms::field_kind::choice && fd.computed.empty())
                    for (const auto& o : fd.options)
                        CHECK_MESSAGE(f.any_item("field." + fd.id + "." + o.value), p.code << ": " << fd.id << "." << o.value);
                for (const auto& sub : fd.fields)
                    CHECK_MESSAGE(f.any_item("field." + fd.id + ".0." + sub.id), p.code << ": " << fd.id << ".0." << sub.id);
            }
        }
    }
    CHECK(catalog::builtin().procedures().size() >= 27);
    CHECK(fields > 200);
    // The kinds the catalog uses today, each drawn above.
    for (auto k : {forms::field_kind::text, forms::field_kind::long_text, forms::field_kind::date,
                   forms::field_kind::choice, forms::field_kind::money, forms::field_kind::unit,
                   forms::field_kind::group, forms::field_kind::citizen_id, forms::field_kind::phone})
        CHECK_MESSAGE(kinds.count(k), forms::kind_name(k));
}

TEST_CASE("a sum of money is written out in words beside it as it is typed") {
    view_fixture f;
    f.form.fields = {field("fee", forms::field_kind::money)};
    f.typed["fee"] = "1.250.000";
    f.ui.frame(f.draw);
    const auto* words = f.any_item("field.fee.words");
    REQUIRE(words);
    CHECK(words->value == "Một triệu hai trăm năm mươi nghìn đồng");
    CHECK(words->label == "Bằng chữ: Một triệu hai trăm năm mươi nghìn đồng");
    f.typed["fee"] = "12a";
    f.ui.frame(f.draw);
    CHECK_FALSE(f.any_item("field.fee.words")); // nothing said about what is not yet a sum
}

TEST_CASE("a date is picked from a calendar, and the calendar turns back across a new year") {
    view_fixture f;
    f.today = {2026, 1, 10};
    f.form.fields = {field("born", forms::field_kind::date)};
    f.tap("field.born.calendar");
    REQUIRE(f.ui.item("field.born.calendar.month"));
    CHECK(f.ui.item("field.born.calendar.month")->label == "Tháng 1/2026");
    CHECK(ui::focused_id() == "field.born.calendar.10"); // today, ready for Space or Enter
    CHECK(f.ui.item("field.born.calendar.31"));
    CHECK_FALSE(f.any_item("field.born.calendar.32"));
    f.tap("field.born.calendar.prev");
    CHECK(f.ui.item("field.born.calendar.month")->label == "Tháng 12/2025");
    // 1 December 2025 was a Monday: the first column.
    const auto first = f.ui.item("field.born.calendar.1"), second = f.ui.item("field.born.calendar.2");
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->x < second->x);
    CHECK(f.ui.item("field.born.calendar.8")->x == doctest::Approx(first->x));
    CHECK(first->y > f.ui.item("field.born.calendar.month")->y + f.ui.item("field.born.calendar.month")->h);
    // 1 January 2026 was a Thursday: below the weekdays, in the fourth column, not beside them.
    f.tap("field.born.calendar.next");
    const auto thursday = f.ui.item("field.born.calendar.1"), friday = f.ui.item("field.born.calendar.2"),
               week2 = f.ui.item("field.born.calendar.5");
    REQUIRE(thursday);
    CHECK(thursday->y == doctest::Approx(friday->y));
    CHECK(thursday->x > week2->x);
    CHECK(week2->y > thursday->y);
    const auto th = f.ui.item("field.born.calendar.weekday.3");
    REQUIRE(th);
    CHECK(th->label == "T5");
    CHECK(thursday->y >= th->y + th->h); // under its weekday's name, not beside the names
    CHECK(thursday->x == doctest::Approx(th->x));
    f.tap("field.born.calendar.prev");
    f.tap("field.born.calendar.15");
    CHECK(f.typed["born"] == "15/12/2025");
    CHECK(f.edits == std::vector<std::string>{"born"});
    CHECK(f.state.open.empty());
    CHECK_FALSE(f.ui.item("field.born.calendar.15")); // closed once picked
    // Opened again, it shows the month of the date in the field.
    f.tap("field.born.calendar");
    CHECK(f.ui.item("field.born.calendar.month")->label == "Tháng 12/2025");
}

TEST_CASE("a few options are radio buttons; many are a list searched without diacritics") {
    view_fixture f;
    auto few = field("sex", forms::field_kind::choice);
    few.options = {{"male", "Nam", "Male"}, {"female", "Nữ", "Female"}};
    auto many = field("province", forms::field_kind::choice);
    for (auto [v, vi] : {std::pair{"hn", "Hà Nội"}, {"hp", "Hải Phòng"}, {"dn", "Đà Nẵng"}, {"hcm", "Hồ Chí Minh"},
                         {"ct", "Cần Thơ"}, {"hue", "Huế"}, {"qn", "Quảng Ninh"}})
        many.options.push_back({v, vi, vi});
    f.form.fields = {few, many};
    f.ui.frame(f.draw);
    CHECK(f.ui.item("field.sex.male")->kind == "radio");
    CHECK(f.ui.item("field.sex.male")->y < f.ui.item("field.sex.female")->y); // one per line
    CHECK_FALSE(f.any_item("field.province.hn")); // the long list waits to be opened
    f.tap("field.province.open");
    CHECK(f.any_item("field.province.qn"));
    f.state.query = "da nang"; // as a phone without Vietnamese keyboard types it
    f.ui.frame(f.draw);
    CHECK(f.ui.item("field.province.dn"));
    CHECK_FALSE(f.any_item("field.province.hn"));
    f.tap("field.province.dn");
    CHECK(f.typed["province"] == "dn");
    CHECK(f.ui.item("field.province.open")->label == "Đà Nẵng");
    f.state.open = "province";
    f.state.query = "xyz";
    f.ui.frame(f.draw);
    CHECK(f.any_item("field.province.none"));
}

TEST_CASE("a unit is found by a name typed without diacritics, in the structure in force") {
    const units::registry reg = hanoi();
    view_fixture f;
    f.units = &reg;
    f.form.fields = {field("place", forms::field_kind::unit)};
    f.tap("field.place");
    REQUIRE(f.state.open == "place");
    f.state.query = "phuong ha dong";
    f.ui.frame(f.draw);
    const auto found = reg.search("phường Hà Đông", f.today, 1);
    REQUIRE_FALSE(found.empty());
    const std::string code(found.front().found->code);
    REQUIRE(f.ui.item("field.place.option." + code));
    CHECK(f.ui.item("field.place.option." + code)->label.find("Thành phố Hà Nội") != std::string::npos);
    f.tap("field.place.option." + code);
    CHECK(f.typed["place"] == code);
    CHECK(f.state.open.empty());
    CHECK(f.ui.item("field.place")->label.rfind(std::string(found.front().found->name), 0) == 0);
    // 2-level structure in force: the city's children are communes, chosen straight away.
    f.tap("field.place");
    REQUIRE(f.ui.item("field.place.into.01"));
    f.tap("field.place.into.01");
    CHECK(f.ui.item("field.place.up"));
    CHECK(f.ui.item("field.place.option.01")); // the city itself can be chosen too
    std::size_t communes = 0;
    for (const auto& it : ui::current_items().items())
        if (it.id.rfind("field.place.option.", 0) == 0 && it.id != "field.place.option.01") ++communes;
    CHECK(communes == 126);
}

TEST_CASE("before the merger, the same picker lists districts and then their communes") {
    const units::registry reg = hanoi();
    view_fixture f;
    f.units = &reg;
    f.today = {2025, 3, 1};
    f.form.fields = {field("place", forms::field_kind::unit)};
    f.tap("field.place");
    f.tap("field.place.into.01");
    REQUIRE(f.any_item("field.place.into.268")); // Quận Hà Đông, with its wards under it
    f.state.unit_parent = "268";
    f.ui.frame(f.draw);
    CHECK(f.any_item("field.place.option.268"));
    CHECK(f.any_item("field.place.up"));
}

TEST_CASE("rows of a repeating group are added, reordered and removed") {
    view_fixture f;
    auto g = field("members", forms::field_kind::group);
    g.max_items = 2;
    g.fields = {field("name", forms::field_kind::text), field("share", forms::field_kind::money)};
    f.form.fields = {g};
    f.tap("field.members.add");
    REQUIRE(f.any_item("field.members.0.name"));
    f.ui.frame(f.draw);
    CHECK(ui::focused_id() == "field.members.0.name"); // the new row's first field, ready to type
    f.typed["members.0.name"] = "An";
    f.tap("field.members.add");
    f.typed["members.1.name"] = "Bình";
    f.ui.frame(f.draw);
    CHECK_FALSE(f.ui.item("field.members.add")->enabled); // at max_items
    CHECK_FALSE(f.any_item("field.members.0.move_up")->enabled);
    f.tap("field.members.1.move_up");
    CHECK(f.typed["members.0.name"] == "Bình");
    CHECK(f.typed["members.1.name"] == "An");
    f.tap("field.members.0.remove_item");
    CHECK(f.typed["members.0.name"] == "An");
    CHECK(f.typed.count("members.1.name") == 0);
    CHECK(forms::group_size(g, f.typed) == 1);
}

TEST_CASE("after a submit with problems, the first one in reading order takes the focus") {
    view_fixture f;
    f.form.fields = {field("a", forms::field_kind::text), field("b", forms::field_kind::phone),
                     field("c", forms::field_kind::email)};
    const error e{"required", "Chưa điền", "Missing"};
    f.problems["c"] = {"c", e};
    f.problems["b"] = {"b", e};
    f.state.focus_first_problem = true;
    f.ui.frame(f.draw);
    f.ui.frame(f.draw);
    CHECK(ui::focused_id() == "field.b");
    CHECK_FALSE(f.state.focus_first_problem);
    REQUIRE(f.any_item("field.b.error"));
    CHECK(f.any_item("field.b.error")->kind == "error");
    CHECK(f.any_item("field.c.error")); // every problem shows, all at once
}
