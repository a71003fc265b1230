#include "shared/encoding/canonical.hpp"

#include <doctest/doctest.h>

using namespace motcua::encoding;

TEST_CASE("canonical integers round-trip and use the shortest form") {
    for (std::uint64_t v : {0ull, 1ull, 127ull, 128ull, 300ull, 16383ull, 16384ull, ~0ull}) {
        canonical_writer w;
        w.uint(v);
        canonical_reader r(w.data());
        CHECK(r.uint() == v);
        CHECK(r.ok());
        CHECK(r.at_end());
    }
    canonical_writer w;
    w.uint(127);
    CHECK(w.data().size() == 1);
}

TEST_CASE("a non-minimal integer is refused, so one value has one encoding") {
    const bytes padded{0x81, 0x00}; // 1, with a redundant zero group
    canonical_reader r(padded);
    r.uint();
    CHECK_FALSE(r.ok());
}

TEST_CASE("a tenth byte with bits beyond the 64th is refused, not dropped") {
    bytes max(9, 0xff);
    max.push_back(0x01); // 2^64 - 1, the largest value: accepted
    canonical_reader ok(max);
    CHECK(ok.uint() == ~0ull);
    CHECK(ok.ok());
    for (std::uint8_t last : {0x7f, 0x02, 0x03, 0x40}) {
        bytes over(9, 0xff);
        over.push_back(last); // would decode to 2^64 - 1 with the high bits dropped
        canonical_reader r(over);
        r.uint();
        CHECK_FALSE(r.ok());
    }
}

TEST_CASE("reads past the end fail and stay failed") {
    const bytes data{0x05, 'a', 'b'}; // claims five bytes, has two
    canonical_reader r(data);
    CHECK(r.text(100).empty());
    CHECK_FALSE(r.ok());
    r.uint();
    CHECK_FALSE(r.ok());
}

TEST_CASE("text longer than the reader's limit is refused") {
    canonical_writer w;
    w.text("abcdef");
    canonical_reader r(w.data());
    r.text(5);
    CHECK_FALSE(r.ok());
}
