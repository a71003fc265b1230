// Searching units by name as people type it: without accents, in any case, đ as d; ranked.
#include "shared/text/search_key.hpp"
#include "shared/units/registry.hpp"
#include "tests/shared/units/data_files.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace motcua;
using namespace motcua::units;
using namespace motcua::units::test;

namespace {

const civil_date last_3level{2025, 6, 30};
const civil_date first_2level{2025, 7, 1};

const registry& country() {
    static const registry reg = [] {
        registry r;
        REQUIRE(r.add(load_units_file(vn_3level, three_level_2025())).ok());
        REQUIRE(r.add(load_units_file(vn_2level, two_level_2025())).ok());
        return r;
    }();
    return reg;
}

std::string first_name(std::string_view text, civil_date on) {
    const auto hits = country().search(text, on, 5);
    return hits.empty() ? std::string() : std::string(hits.front().found->name);
}

// Results come best first: kinds never get better further down the list.
void check_ranked(const std::vector<search_result>& hits) {
    for (std::size_t i = 1; i < hits.size(); ++i)
        CHECK(hits[i - 1].kind <= hits[i].kind);
}

} // namespace

TEST_CASE("Hà Đông is found with or without accents, in any case, precomposed or not") {
    for (const char* typed :
         {"ha dong", "Hà Đông", "HA ĐONG", "hà đông", "Ha\u0300 \u0110o\u0302ng", "  HA   dong "}) {
        CAPTURE(typed);
        const auto before = country().search(typed, last_3level, 10);
        REQUIRE_FALSE(before.empty());
        CHECK(before.front().found->name == "Quận Hà Đông");
        CHECK(before.front().found->code == "268");
        CHECK(before.front().kind == match_kind::exact);
        const auto after = country().search(typed, first_2level, 10);
        REQUIRE_FALSE(after.empty());
        CHECK(after.front().found->name == "Phường Hà Đông");
        CHECK(after.front().found->code == "09556");
    }
}

TEST_CASE("đ is found by d, and d finds đ") {
    CHECK(first_name("dong anh", last_3level) == "Huyện Đông Anh");
    CHECK(first_name("đông anh", last_3level) == "Huyện Đông Anh");
    CHECK(first_name("Ðông Anh", last_3level) == ""); // Ð (U+00D0, Icelandic eth) is not Đ
    CHECK(first_name("da nang", last_3level) == "Thành phố Đà Nẵng");
}

TEST_CASE("the type word may be typed or left out for an exact match") {
    const auto with = country().search("quan ha dong", last_3level, 5);
    REQUIRE_FALSE(with.empty());
    CHECK(with.front().found->code == "268");
    CHECK(with.front().kind == match_kind::exact);
    const auto ward = country().search("phuong ha dong", first_2level, 5);
    REQUIRE(ward.size() == 1);
    CHECK(ward.front().found->code == "09556");
    CHECK(ward.front().kind == match_kind::exact);
}

TEST_CASE("exact names come first, higher levels first among them, with their paths") {
    const auto hits = country().search("ha dong", last_3level, 10);
    REQUIRE(hits.size() == 3); // Quận Hà Đông, and Xã Hà Đông in Thanh Hóa and Gia Lai
    for (const auto& h : hits)
        CHECK(h.kind == match_kind::exact);
    CHECK(hits[0].found->level == unit_level::district);
    CHECK(hits[1].found->level == unit_level::commune);
    REQUIRE(hits[0].path.size() == 1);
    CHECK(hits[0].path[0]->name == "Thành phố Hà Nội");
    REQUIRE(hits[1].path.size() == 2);
    CHECK(hits[1].path[1]->level == unit_level::province);
}

TEST_CASE("word-prefix matches come after exact ones and before substrings") {
    const auto hits = country().search("ha do", last_3level, 50);
    REQUIRE_FALSE(hits.empty());
    check_ranked(hits);
    CHECK(hits.front().kind == match_kind::word_prefix);
    CHECK(hits.front().found->code == "268"); // the shortest, highest of the matches

    const auto mixed = country().search("phuong 1", last_3level, 200);
    check_ranked(mixed);
    REQUIRE(mixed.size() > 40);
    CHECK(mixed.front().found->name == "Phường 1");
    CHECK(mixed.front().kind == match_kind::exact);
    bool saw_prefix = false;
    for (const auto& h : mixed)
        saw_prefix = saw_prefix || h.kind == match_kind::word_prefix;
    CHECK(saw_prefix); // Phường 10, 11, …

    const auto inside = country().search("a dong", last_3level, 5);
    REQUIRE_FALSE(inside.empty());
    CHECK(inside.front().kind == match_kind::substring); // "h[a dong]": inside a word
}

TEST_CASE("a later occurrence that starts a word counts as a word-prefix match") {
    // "an" is first inside "Tân", then starts "An": Xã Tân An is a word-prefix match.
    const auto hits = country().search("an", last_3level, 20000);
    bool found = false;
    for (const auto& h : hits) {
        if (h.found->name == "Xã Tân An") {
            found = true;
            CHECK(h.kind == match_kind::word_prefix);
        }
    }
    CHECK(found);
}

TEST_CASE("shorter names come first among matches of the same kind") {
    // The folded name without its type word ("Xã Nguyễn Huệ" → "nguyen hue").
    auto size = [](const admin_unit* u) {
        const std::string key = text::search_key(u->name);
        for (std::string_view w : {"thanh pho ", "thi tran ", "thi xa ", "tinh ", "huyen ", "quan ",
                                   "phuong ", "xa ", "dac khu "}) {
            if (key.compare(0, w.size(), w) == 0) return key.size() - w.size();
        }
        return key.size();
    };
    const auto hits = country().search("nguyen", last_3level, 100);
    check_ranked(hits);
    REQUIRE(hits.size() > 30);
    for (std::size_t i = 1; i < hits.size(); ++i) {
        if (hits[i].kind == hits[i - 1].kind) CHECK(size(hits[i - 1].found) <= size(hits[i].found));
    }
}

TEST_CASE("searches respect the limit, and a miss, an empty text or no structure find nothing") {
    CHECK(country().search("xa tan", last_3level, 7).size() == 7);
    CHECK(country().search("xa tan", last_3level, 0).empty());
    CHECK(country().search("zzqx", last_3level, 10).empty());
    CHECK(country().search("", last_3level, 10).empty());
    CHECK(country().search(" \t ", last_3level, 10).empty());
    CHECK(country().search("ha dong", {2020, 1, 1}, 10).empty());
}

TEST_CASE("a search finds units of the structure in force only") {
    for (const auto& h : country().search("xa tan", last_3level, 50)) {
        CHECK(h.found->structure_id() == "3level");
    }
    for (const auto& h : country().search("xa tan", first_2level, 50)) {
        CHECK(h.found->structure_id() == "2level");
        CHECK(h.path.size() == 1); // no districts any more
    }
}

TEST_CASE("Bến Nghé is in Quận 1 of Hồ Chí Minh City in the 3-level list") {
    const auto hits = country().search("ben nghe", last_3level, 5);
    REQUIRE(hits.size() == 1);
    REQUIRE(hits[0].path.size() == 2);
    CHECK(hits[0].path[0]->name == "Quận 1");
    CHECK(hits[0].path[1]->name == "Thành phố Hồ Chí Minh");
}

TEST_CASE("every unit of the country is an exact match for its own name") {
    const unit_set* set = country().structure("3level");
    REQUIRE(set);
    std::size_t misses = 0;
    for (const admin_unit& u : set->units()) {
        bool found = false;
        for (const unit_match& m : set->search(u.name, 200)) {
            found = found || (m.found == &u && m.kind == match_kind::exact);
        }
        if (!found) ++misses;
    }
    CHECK(misses == 0);
}

TEST_CASE("odd spacing and invisible characters in a name fold as in text::search_key") {
    auto set = parse_units_csv("code,name,type,parent_code\n"
                               "01,\"  Tỉnh\u00A0\u00A0Hà  Nam \",Tỉnh,\n"
                               "00001,Xã A\u200B \u0301 B,Xã,01\n",
                               two_level_2025());
    REQUIRE(set.ok());
    for (const admin_unit& u : set->units()) {
        const auto hits = set->search(text::search_key(u.name), 5);
        REQUIRE_FALSE(hits.empty());
        CHECK(hits.front().found == &u);
        CHECK(hits.front().kind == match_kind::exact);
    }
    CHECK(set->search("ha nam", 5).front().kind == match_kind::exact);
    CHECK(set->search("a b", 5).front().kind == match_kind::exact);
}

TEST_CASE("the search index finds what a plain scan of every name finds, with the same kind") {
    const unit_set* set = country().structure("3level");
    REQUIRE(set);
    auto strip = [](std::string_view key) {
        for (std::string_view w : {"thanh pho ", "thi tran ", "thi xa ", "tinh ", "huyen ", "quan ",
                                   "phuong ", "xa ", "dac khu "}) {
            if (key.size() > w.size() && key.substr(0, w.size()) == w) return key.substr(w.size());
        }
        return key;
    };
    for (const char* q : {"ha dong", "an", "a", "phuong 1", "1", "xa tan", "g", "nh", "y", "ia",
                          "hoa binh", "zzqx", "n a", "u"}) {
        CAPTURE(q);
        std::map<const admin_unit*, match_kind> expected;
        for (const admin_unit& u : set->units()) {
            const std::string key = text::search_key(u.name);
            if (key.find(q) == std::string::npos) continue;
            match_kind kind = match_kind::substring;
            for (std::size_t at = key.find(q); at != std::string::npos; at = key.find(q, at + 1)) {
                if (at == 0 || key[at - 1] == ' ') kind = match_kind::word_prefix;
            }
            if (key == q || strip(key) == q) kind = match_kind::exact;
            expected[&u] = kind;
        }
        const auto hits = set->search(q, 100000);
        CHECK(hits.size() == expected.size());
        std::size_t wrong = 0;
        for (const unit_match& m : hits) {
            const auto it = expected.find(m.found);
            if (it == expected.end() || it->second != m.kind) ++wrong;
        }
        CHECK(wrong == 0);
    }
}
