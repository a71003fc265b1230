#include "shared/forms/groups.hpp"

#include "shared/catalog/catalog.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {
forms::field_def members() {
    forms::field_def g;
    g.id = "members";
    g.label_vi = "Thành viên";
    g.label_en = "Members";
    g.kind = forms::field_kind::group;
    g.max_items = 3;
    forms::field_def name;
    name.id = "name";
    forms::field_def share;
    share.id = "share";
    share.kind = forms::field_kind::money;
    g.fields = {name, share};
    return g;
}
} // namespace

TEST_CASE("a new group row has every sub-field, empty, and the group stops at its maximum") {
    const auto g = members();
    forms::values v{{"other", "x"}};
    CHECK(forms::add_group_item(g, v));
    CHECK(forms::group_size(g, v) == 1);
    CHECK(v.at("members.0.name").empty());
    CHECK(v.at("members.0.share").empty());
    CHECK(forms::add_group_item(g, v));
    CHECK(forms::add_group_item(g, v));
    CHECK_FALSE(forms::add_group_item(g, v));
    CHECK(forms::group_size(g, v) == 3);
    CHECK(v.at("other") == "x");
}

TEST_CASE("removing a group row moves the later rows up, leaving no gap") {
    const auto g = members();
    forms::values v{{"members.0.name", "An"}, {"members.1.name", "Bình"}, {"members.1.share", "5"},
                    {"members.2.name", "Chi"}};
    forms::remove_group_item(g, v, 1);
    CHECK(v == forms::values{{"members.0.name", "An"}, {"members.1.name", "Chi"}});
    forms::remove_group_item(g, v, 5); // past the end: nothing
    CHECK(forms::group_size(g, v) == 2);
    forms::remove_group_item(g, v, 0);
    CHECK(v == forms::values{{"members.0.name", "Chi"}});
}

TEST_CASE("moving a group row carries all its values and shifts the rows between") {
    const auto g = members();
    forms::values v{{"members.0.name", "An"}, {"members.0.share", "1"}, {"members.1.name", "Bình"},
                    {"members.2.name", "Chi"}, {"members.2.share", "3"}};
    forms::move_group_item(g, v, 2, 0);
    CHECK(v == forms::values{{"members.0.name", "Chi"}, {"members.0.share", "3"}, {"members.1.name", "An"},
                             {"members.1.share", "1"}, {"members.2.name", "Bình"}});
    forms::move_group_item(g, v, 0, 1);
    CHECK(v.at("members.0.name") == "An");
    CHECK(v.at("members.1.name") == "Chi");
    const auto before = v;
    forms::move_group_item(g, v, 0, 3); // out of range
    CHECK(v == before);
}

TEST_CASE("a group row left blank is a problem of its own, named by its place") {
    forms::form_def form;
    form.fields = {members()};
    forms::values v{{"members.0.name", "An"}, {"members.1.name", "  "}, {"members.1.share", ""},
                    {"members.2.name", "Chi"}};
    auto problems = forms::empty_group_items(form, v);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == "members.1");
    CHECK(problems[0].message.code == "empty_item");
    CHECK(problems[0].message.vi.find("mục 2") != std::string::npos);
    CHECK(problems[0].message.en.find("item 2") != std::string::npos);
    v["members.1.share"] = "100";
    CHECK(forms::empty_group_items(form, v).empty());
}
