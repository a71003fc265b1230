// The citizen screen drawn headless: its items are the ones the browser tests and the screen
// reader see, and a tap on a button acts as it does in the browser.
#include "client/ui/citizen_screen.hpp"
#include "client/ui/elsewhere_screen.hpp"
#include "client/ui/screens/screen_table.hpp"

#include "tests/support/headless_ui.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace motcua;
using namespace motcua::client;

namespace {
class offline_transport final : public transport {
  public:
    void send(http_request_out, std::function<void(http_reply)> done) override { done({0, {}}); }
};

struct screen_fixture {
    offline_transport net;
    local_store store = std::move(local_store::open(":memory:", nullptr)).value();
    std::int64_t now = 1795506600000;
    citizen_app app{store, net,
                    {[this] { return now; },
                     [](std::span<std::uint8_t> out) {
                         for (std::size_t i = 0; i < out.size(); ++i) out[i] = std::uint8_t(i * 13 + 5);
                     }}};
    ui::screen_state state;
    test::headless_ui ui;
    std::function<void()> draw = [this] { ui::draw_citizen_screen(app, state); };
};
} // namespace

TEST_CASE("the citizen screen shows the form's title, its fields and a submit button") {
    screen_fixture f;
    f.ui.frame(f.draw);
    auto title = f.ui.item("form.title");
    REQUIRE(title);
    CHECK(title->kind == "heading");
    CHECK(title->label.find("khai sinh") != std::string::npos);
    auto name = f.ui.item("field.requester_name");
    REQUIRE(name);
    CHECK(name->kind == "input");
    // A finger-sized target (WCAG 2.5.5's 44 px and Android's 48 dp are met by the theme in the
    // browser; headless, ImGui's default font still gives a full-width field).
    CHECK(name->w > 300);
}

TEST_CASE("tapping submit on an empty form lists the problems and queues nothing") {
    screen_fixture f;
    f.ui.frame(f.draw);
    // The submit button is below the fold on a phone: scroll until it is drawn.
    auto reachable = [&] {
        auto b = f.ui.item("form.submit");
        return b && b->y + b->h < ImGui::GetIO().DisplaySize.y; // whole, not cut by the screen's edge
    };
    for (int i = 0; i < 40 && !reachable(); ++i) {
        ImGui::GetIO().MouseWheel = -5;
        ImGui::GetIO().MousePos = ImVec2(200, 400);
        f.ui.frame(f.draw);
    }
    REQUIRE(f.ui.item("form.submit"));
    f.ui.tap("form.submit", f.draw);
    CHECK_FALSE(f.app.problems().empty());
    CHECK(f.app.outbox().empty());
    CHECK(f.app.problems().count("child_name") == 1);
    // The person is taken to the first problem, in reading order.
    f.ui.frame(f.draw);
    CHECK(ui::focused_id() == "field.requester_name");
}

TEST_CASE("the language button switches every label to English") {
    screen_fixture f;
    f.ui.frame(f.draw);
    REQUIRE(f.ui.item("app.language"));
    f.ui.tap("app.language", f.draw);
    CHECK(f.state.lang == ui::language::en);
    CHECK(f.ui.item("app.language")->label == "Tiếng Việt");
    CHECK(f.ui.item("form.required_note")->label == "Fields marked * are required.");
}

TEST_CASE("a tab that does not own the store says so and offers to take over") {
    test::headless_ui ui;
    bool pressed = false;
    auto draw = [&] { pressed = ui::draw_elsewhere_screen(ui::language::vi, false) || pressed; };
    ui.frame(draw);
    REQUIRE(ui.item("elsewhere.title"));
    CHECK(ui.item("elsewhere.take_over")->kind == "button");
    ui.tap("elsewhere.take_over", draw);
    CHECK(pressed);
}

TEST_CASE("Tab and Shift+Tab reach every control in reading order; Space acts on the focused one") {
    screen_fixture f;
    f.ui.frame(f.draw);
    f.ui.frame(f.draw);
    std::vector<std::string> visited;
    for (int i = 0; i < 80; ++i) {
        f.ui.press(9, f.draw);
        if (!visited.empty() && ui::focused_id() == visited.front()) break; // round again
        visited.push_back(ui::focused_id());
    }
    auto reached = [&](const std::string& id) { return std::find(visited.begin(), visited.end(), id) != visited.end(); };
    // Text fields, radios, buttons and the checkbox, not only the text fields ImGui tabs between.
    CHECK(reached("app.sync_now"));
    CHECK(reached("app.language"));
    CHECK(reached("field.requester_name"));
    CHECK(reached("field.child_sex.nu"));
    CHECK(reached("field.parents_married"));
    CHECK(reached("form.submit"));
    // Reading order: the header's buttons, then the form's fields from the top.
    auto at = [&](const std::string& id) { return std::find(visited.begin(), visited.end(), id) - visited.begin(); };
    CHECK(at("app.language") < at("field.requester_name"));
    CHECK(at("field.requester_name") < at("field.child_name"));
    CHECK(at("field.child_name") < at("form.submit"));

    // Shift+Tab goes back one.
    const std::string here = ui::focused_id();
    f.ui.press(9, f.draw);
    f.ui.press(9, f.draw, true);
    CHECK(ui::focused_id() == here);

    // Space on a focused radio chooses it, as a click would.
    while (ui::focused_id() != "field.child_sex.nu") f.ui.press(9, f.draw);
    f.ui.press(32, f.draw);
    CHECK(f.app.field("child_sex") == "nu");
}

TEST_CASE("every screen of the table draws a heading; the settings screen raises its intents") {
    screen_fixture f;
    for (const auto& screen : ui::screens()) {
        CAPTURE(screen.id);
        auto draw = [&] { screen.draw(f.app, f.state); };
        const auto& items = f.ui.frame(draw);
        CHECK(std::any_of(items.begin(), items.end(), [](const ui::ui_item& it) { return it.kind == "heading"; }));
    }
    CHECK(ui::find_screen("settings"));
    CHECK_FALSE(ui::find_screen("../home"));
    // Home: Settings opens the settings screen (an intent the platform carries out).
    f.ui.frame(f.draw);
    f.ui.tap("app.settings", f.draw);
    REQUIRE(f.state.open);
    CHECK(f.state.open->screen == "settings");
    // Settings: a larger text size is a preference change; back is an intent too.
    auto settings = [&] { ui::find_screen("settings")->draw(f.app, f.state); };
    f.ui.frame(settings);
    f.ui.tap("settings.text_size.2", settings);
    CHECK(f.state.prefs_changed);
    CHECK(f.state.prefs.text == client::preferences::text_size::larger);
    f.ui.tap("settings.back", settings);
    CHECK(f.state.go_back);
}
