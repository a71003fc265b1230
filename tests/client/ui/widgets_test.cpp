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
