// UI text is data: both languages for every key, and every character drawable by the fonts.
#include "client/ui/ui_text.hpp"

#include "shared/catalog/catalog.hpp"
#include "shared/text/utf8.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

using namespace motcua::ui;

TEST_CASE("every text key has a Vietnamese and an English text, once") {
    std::set<int> seen;
    for (const auto& e : all_texts()) {
        CAPTURE(int(e.key));
        CHECK(seen.insert(int(e.key)).second);
        CHECK_FALSE(e.vi.empty());
        CHECK_FALSE(e.en.empty());
    }
    for (int k = 0; k < int(text_key::count_); ++k) {
        CAPTURE(k);
        CHECK(seen.count(k) == 1);
        CHECK(text(text_key(k), language::vi) != "?");
        CHECK(text(text_key(k), language::en) != "?");
    }
}

namespace {

// The code points the web build's fonts hold: MOTCUA_FONT_UNICODES in client/CMakeLists.txt.
std::vector<std::pair<char32_t, char32_t>> font_ranges() {
    const auto path = std::filesystem::path(__FILE__).parent_path() / "../../../client/CMakeLists.txt";
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
    std::stringstream all;
    all << in.rdbuf();
    const std::string cmake = all.str();
    const auto from = cmake.find("set(MOTCUA_FONT_UNICODES");
    REQUIRE(from != std::string::npos);
    const std::string list = cmake.substr(from, cmake.find(')', from) - from);
    std::vector<std::pair<char32_t, char32_t>> ranges;
    const std::regex range("U\\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?");
    for (auto it = std::sregex_iterator(list.begin(), list.end(), range); it != std::sregex_iterator(); ++it) {
        const auto lo = char32_t(std::stoul((*it)[1].str(), nullptr, 16));
        const auto hi = (*it)[2].matched ? char32_t(std::stoul((*it)[2].str(), nullptr, 16)) : lo;
        ranges.emplace_back(lo, hi);
    }
    REQUIRE(ranges.size() > 10);
    return ranges;
}

// The characters of `s` the fonts lack (each would be drawn as "?").
std::string missing(std::string_view s, const std::vector<std::pair<char32_t, char32_t>>& ranges) {
    std::string out;
    while (!s.empty()) {
        const auto d = motcua::text::decode_utf8(s);
        s.remove_prefix(d.size);
        const bool held = std::any_of(ranges.begin(), ranges.end(),
                                      [&](auto r) { return d.code_point >= r.first && d.code_point <= r.second; });
        if (!held && d.code_point != U'\n') motcua::text::append_utf8(out, d.code_point);
    }
    return out;
}

} // namespace

TEST_CASE("every character of the UI text and of the catalog's forms is in the app's fonts") {
    const auto ranges = font_ranges();
    for (const auto& e : all_texts()) {
        CHECK_MESSAGE(missing(e.vi, ranges).empty(), e.vi << ": " << missing(e.vi, ranges));
        CHECK_MESSAGE(missing(e.en, ranges).empty(), e.en << ": " << missing(e.en, ranges));
    }
    std::vector<std::string_view> shown;
    std::function<void(const motcua::forms::field_def&)> add_field = [&](const motcua::forms::field_def& f) {
        for (auto s : {&f.label_vi, &f.label_en, &f.hint_vi, &f.hint_en}) shown.push_back(*s);
        for (const auto& o : f.options) shown.insert(shown.end(), {o.vi, o.en});
        for (const auto& sub : f.fields) add_field(sub);
    };
    for (const auto& p : motcua::catalog::builtin().procedures()) {
        shown.insert(shown.end(), {p.name_vi, p.name_en, p.receiving_agency_vi});
        for (const auto& form : p.forms) {
            shown.insert(shown.end(), {form.title_vi, form.title_en});
            for (const auto& f : form.fields) add_field(f);
            for (const auto& r : form.rules) shown.insert(shown.end(), {r.message_vi, r.message_en});
        }
    }
    CHECK(shown.size() > 1000);
    for (auto s : shown) CHECK_MESSAGE(missing(s, ranges).empty(), s << ": " << missing(s, ranges));
}
