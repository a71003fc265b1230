// The binary unit asset: exact round trips of the real lists, and refusal of anything damaged.
#include "shared/units/asset.hpp"
#include "tests/shared/units/data_files.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace motcua;
using namespace motcua::units;
using namespace motcua::units::test;

namespace {

void check_same(const unit_set& a, const unit_set& b) {
    CHECK(a.structure().id == b.structure().id);
    CHECK(a.structure().depth == b.structure().depth);
    CHECK(a.structure().valid_from == b.structure().valid_from);
    CHECK(a.structure().valid_until == b.structure().valid_until);
    REQUIRE(a.size() == b.size());
    CHECK(a.root_count() == b.root_count());
    std::size_t differences = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const admin_unit& x = a.units()[i];
        const admin_unit& y = b.units()[i];
        if (x.code != y.code || x.name != y.name || x.type != y.type ||
            x.parent_code != y.parent_code || x.level != y.level ||
            a.children(x).size() != b.children(y).size()) {
            ++differences;
        }
    }
    CHECK(differences == 0);
}

// An independent CRC-32 (IEEE), to build damaged assets that still pass the checksum.
std::uint32_t crc32(const std::vector<std::uint8_t>& bytes, std::size_t size) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i) {
        c ^= bytes[i];
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return ~c;
}

void reseal(std::vector<std::uint8_t>& bytes) {
    const std::size_t body = bytes.size() - 4;
    const std::uint32_t c = crc32(bytes, body);
    for (int k = 0; k < 4; ++k)
        bytes[body + k] = static_cast<std::uint8_t>(c >> (8 * k));
}

std::string decode_error(const std::vector<std::uint8_t>& bytes) {
    auto r = decode_asset(bytes);
    REQUIRE_FALSE(r.ok());
    return r.err().code;
}

const std::string tiny_csv = "code,name,type,parent_code\n"
                             "01,Thành phố Hà Nội,Thành phố,\n"
                             "00004,Phường Ba Đình,Phường,01\n"
                             "00008,Phường Ngọc Hà,Phường,01\n";

} // namespace

TEST_CASE("each real list survives an asset round trip unchanged, and is much smaller") {
    struct file {
        const char* name;
        structure_info structure;
    };
    for (const file& f :
         {file{hanoi_3level, three_level_2025()}, file{hanoi_2level, two_level_2025()},
          file{vn_3level, three_level_2025()}, file{vn_2level, two_level_2025()}}) {
        CAPTURE(f.name);
        const std::string csv = read_units_file(f.name);
        const unit_set set = load_units_file(f.name, f.structure);
        const std::vector<std::uint8_t> bytes = encode_asset(set);
        CHECK(bytes.size() * 2 < csv.size()); // measured: 2.6× to 4.4× smaller
        auto back = decode_asset(bytes);
        REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.err().en));
        REQUIRE(back->size() == 1);
        check_same(set, back->front());
        CHECK(encode_asset(back->front()) == bytes); // deterministic
    }
}

TEST_CASE("one asset can carry both Hà Nội structures into a registry") {
    const unit_set three = load_units_file(hanoi_3level, three_level_2025());
    const unit_set two = load_units_file(hanoi_2level, two_level_2025());
    const unit_set* both[] = {&three, &two};
    const auto bytes = encode_asset(both);
    registry reg;
    REQUIRE(load_asset(reg, bytes).ok());
    CHECK(reg.size() == 2);
    CHECK(reg.find("00004", {2025, 6, 30})->name == "Phường Trúc Bạch");
    CHECK(reg.find("00004", {2025, 7, 1})->name == "Phường Ba Đình");
    const auto hits = reg.search("ha dong", {2025, 6, 30}, 5);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().found->name == "Quận Hà Đông");
    // Loading the same structures again is refused by the registry.
    CHECK(load_asset(reg, bytes).err().code == "units_structure_exists");
}

TEST_CASE("an asset starts with its magic bytes and version") {
    const auto set = parse_units_csv(tiny_csv, two_level_2025());
    REQUIRE(set.ok());
    auto bytes = encode_asset(*set);
    REQUIRE(bytes.size() > 10);
    CHECK(std::string(bytes.begin(), bytes.begin() + 4) == "MCAU");
    CHECK(bytes[4] == asset_version);

    auto other = bytes;
    other[0] = 'X';
    CHECK(decode_error(other) == "units_asset_magic");
    CHECK(decode_error({}) == "units_asset_magic");
    auto newer = bytes;
    newer[4] = 2;
    reseal(newer);
    const auto r = decode_asset(newer);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == "units_asset_version");
    CHECK(r.err().en.find("version 2") != std::string::npos);
}

TEST_CASE("every truncation and every flipped byte of an asset is refused") {
    const auto set = parse_units_csv(tiny_csv, two_level_2025());
    REQUIRE(set.ok());
    const auto bytes = encode_asset(*set);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        CAPTURE(n);
        CHECK_FALSE(decode_asset(std::span(bytes.data(), n)).ok());
    }
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (std::uint8_t bit : {1, 0x80}) {
            auto damaged = bytes;
            damaged[i] ^= bit;
            CAPTURE(i);
            CHECK_FALSE(decode_asset(damaged).ok());
        }
    }
    auto damaged = bytes;
    damaged[10] ^= 1;
    CHECK(decode_error(damaged) == "units_asset_checksum");
}

TEST_CASE("bytes after the end are refused") {
    const auto set = parse_units_csv(tiny_csv, two_level_2025());
    REQUIRE(set.ok());
    auto bytes = encode_asset(*set);
    bytes.insert(bytes.end() - 4, 0x00);
    reseal(bytes);
    CHECK(decode_error(bytes) == "units_asset_trailing");
}

TEST_CASE("an asset that passes its checksum but breaks the rules is still refused") {
    const auto set = parse_units_csv(tiny_csv, two_level_2025());
    REQUIRE(set.ok());
    const auto bytes = encode_asset(*set);
    // Layout of this asset: magic 4, version 1, count 1, id "2level" 7, depth 1, from 3 (days
    // 20270 as zigzag varint), has_until 1, units 1, roots 1, types: count 1 + 2 × (1 + len).
    std::size_t at = 4 + 1 + 1 + 7 + 1 + 3 + 1;
    REQUIRE(bytes[at] == 3);     // three units
    REQUIRE(bytes[at + 1] == 1); // one province
    at += 2;
    REQUIRE(bytes[at] == 2); // two types
    at += 1 + 1 + std::string("Thành phố").size() + 1 + std::string("Phường").size();
    const std::size_t type_codes = at;
    const std::size_t child_counts = type_codes + 3;
    const std::size_t code_deltas = child_counts + 3;
    REQUIRE(bytes[child_counts] == 2);
    REQUIRE(bytes[code_deltas + 1] == 8); // 00004 as zigzag(4)
    REQUIRE(bytes[code_deltas + 2] == 8); // 00008: 4 more

    SUBCASE("a type index beyond the table") {
        auto b = bytes;
        b[type_codes + 1] = 2 * 5;
        reseal(b);
        CHECK(decode_error(b) == "units_asset_malformed");
    }
    SUBCASE("a child count that does not add up to the units") {
        auto b = bytes;
        b[child_counts] = 1;
        reseal(b);
        CHECK(decode_error(b) == "units_asset_malformed");
        b[child_counts] = 3;
        reseal(b);
        CHECK(decode_error(b) == "units_asset_malformed");
    }
    SUBCASE("two units with the same code") {
        auto b = bytes;
        b[code_deltas + 2] = 0; // 00004 again
        reseal(b);
        auto r = decode_asset(b);
        REQUIRE_FALSE(r.ok());
        CHECK(r.err().code == "units_duplicate_code");
        CHECK(r.err().en.find("Record 3") == 0);
    }
    SUBCASE("a code too long for its level") {
        auto b = bytes;
        // The last delta becomes 131072 (zigzag 262144 = 0x80 0x80 0x10): a six-digit code.
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(code_deltas + 2), {0x80, 0x80, 0x10});
        b.erase(b.begin() + static_cast<std::ptrdiff_t>(code_deltas + 5));
        reseal(b);
        auto r = decode_asset(b);
        REQUIRE_FALSE(r.ok());
        CHECK(r.err().code == "units_asset_malformed");
        CHECK(r.err().en.find("a unit code is wrong") != std::string::npos);
    }
}
