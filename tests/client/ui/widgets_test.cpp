// Widgets drawn headless: what an input method composes shows in the field as it grows, and
// its commit leaves the word once.
#include "client/ui/widgets.hpp"

#include "tests/support/headless_ui.hpp"

#include <doctest/doctest.h>

using namespace motcua;

TEST_CASE("the word an input method composes shows in the field, and the commit leaves it once") {
    test::headless_ui ui;
    std::string name = "Bé ", other;
    auto draw = [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(412, 915));
        ImGui::Begin("##t");
        ui::text_field("field.name", "Tên", name, "");
        ui::text_field("field.other", "Khác", other, "");
        ImGui::End();
    };
    ui.frame(draw);
    ui.tap("field.name", draw); // the caret goes to the end of "Bé "
    ImGui::GetIO().AddInputCharactersUTF8(""); // nothing typed yet
    for (const char* step : {"N", "Ng", "Nguy", "Nguyê", "Nguyễn"}) {
        ui::compose(step);
        ui.frame(draw);
        CHECK(name == std::string("Bé ") + step);
    }
    ui::compose("");
    ImGui::GetIO().AddInputCharactersUTF8("Nguyễn");
    ui.frame(draw);
    ui.frame(draw);
    CHECK(name == "Bé Nguyễn");
    // Cancelled: the composed text goes away and nothing is left.
    ui::compose("Văn");
    ui.frame(draw);
    CHECK(name == "Bé NguyễnVăn");
    ui::compose("");
    ui.frame(draw);
    CHECK(name == "Bé Nguyễn");
}

TEST_CASE("a long press selects the word under the finger; the bar copies, cuts, pastes and selects all") {
    test::headless_ui ui;
    std::string name = "Nguyễn Văn Đức";
    auto draw = [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(412, 915));
        ImGui::Begin("##t");
        ui::text_field("field.name", "Tên", name, "");
        ImGui::End();
    };
    ui.frame(draw);
    auto field = ui.item("field.name");
    REQUIRE(field);
    auto long_press_at = [&](const char* before) {
        // The finger held on the middle of a word: ImGui puts the caret there, then the word goes.
        const float x = field->x + ImGui::GetStyle().FramePadding.x + ImGui::CalcTextSize(before).x;
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(x, field->y + field->h / 2);
        ui.frame(draw);
        io.MouseDown[0] = true;
        ui.frame(draw);
        io.MouseDown[0] = false;
        ui::select_word_at_caret();
        ui.frame(draw);
        io.MousePos = ImVec2(-1e9f, -1e9f);
        ui.frame(draw);
    };
    long_press_at("Nguyễn V");
    CHECK(ui::selected_text() == "Văn");
    REQUIRE(ui.item("field.name.copy"));
    ui.tap("field.name.copy", draw);
    CHECK(ui::take_clipboard_write() == "Văn");
    CHECK_FALSE(ui.item("field.name.copy")); // the bar goes once used
    CHECK(name == "Nguyễn Văn Đức");

    long_press_at("Nguyễn Văn Đ");
    CHECK(ui::selected_text() == "Đức");
    ui.tap("field.name.cut", draw);
    CHECK(ui::take_clipboard_write() == "Đức");
    CHECK(name == "Nguyễn Văn ");

    long_press_at("Ngu");
    ui.tap("field.name.paste", draw);
    CHECK(ui::take_clipboard_read_request());
    ui::paste("Trần");
    ui.frame(draw);
    CHECK(name == "Trần Văn ");

    long_press_at("Tr");
    ui.tap("field.name.select_all", draw);
    REQUIRE(ui.item("field.name.copy")); // still there, over the whole text now
    ui.tap("field.name.copy", draw);
    CHECK(ui::take_clipboard_write() == "Trần Văn ");
}
