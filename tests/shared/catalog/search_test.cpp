// Finding a procedure as people ask for it.
#include "shared/catalog/search.hpp"

#include <doctest/doctest.h>

using namespace motcua::catalog;

namespace {
std::string first(std::string_view q) {
    auto found = find_procedures(builtin(), q);
    return found.empty() ? std::string() : found.front()->code;
}
} // namespace

TEST_CASE("the birth registration is found however a person asks for it") {
    for (std::string q : {"đăng ký khai sinh", "dang ky khai sinh", "khai sinh", "giay khai sinh", "DANG KI KHAI SINH",
                   "làm giấy khai sinh", "thu tuc khai sinh", "dang ky khai sinhh", "  khai   sinh "}) {
        CAPTURE(q);
        CHECK(first(q) == "1.001193");
    }
}

TEST_CASE("every word must be found; the best match comes first, others follow") {
    auto found = find_procedures(builtin(), "khai sinh");
    REQUIRE(found.size() >= 3); // also re-registration, with a foreign element, the linked one
    CHECK(found[0]->code == "1.001193");
    for (const auto* p : found) CHECK(p->name_vi.find("khai sinh") != std::string::npos);
    CHECK(first("ket hon") == "1.000894");
    CHECK(first("ho kinh doanh") == "1.001612");
    CHECK(first("giay phep xay dung") == "1.009994");
    CHECK(first("ly lich tu phap") == "2.000488");
    CHECK(first("1.004873") == "1.004873"); // by its national code
    CHECK(find_procedures(builtin(), "khai sinh tàu vũ trụ").empty());
}

TEST_CASE("an empty query, or filler words only, lists every procedure in catalog order") {
    CHECK(find_procedures(builtin(), "").size() == builtin().procedures().size());
    auto filler = find_procedures(builtin(), "tôi muốn làm thủ tục");
    REQUIRE(filler.size() == builtin().procedures().size());
    CHECK(filler.front() == &builtin().procedures().front());
}
