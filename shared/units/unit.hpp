// Administrative units of Vietnam (province, district, commune) and one structure's whole set.
// The hierarchy is data with effective dates: a unit is identified by (structure, code).
#pragma once

#include "shared/core/date.hpp"
#include "shared/core/result.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::units {

enum class unit_level : std::uint8_t { province = 0, district = 1, commune = 2 };

std::string_view level_name(unit_level l);    // "province", "district", "commune"
std::string_view level_name_vi(unit_level l); // "tỉnh", "huyện", "xã"
std::size_t code_length(unit_level l);        // 2, 3, 5 (national statistics codes)

// One shape of the hierarchy and the days it is in force.
struct structure_info {
    std::string id;        // "3level", "2level"
    int depth = 3;         // 3: province → district → commune; 2: province → commune
    civil_date valid_from; // first day in force
    std::optional<civil_date> valid_until; // last day in force (inclusive); none while in force

    bool in_force_on(civil_date d) const;
    // The level of a unit at this depth of the tree (0 = province), if the shape has one.
    std::optional<unit_level> level_at(int tree_depth) const;
};

// The two shapes of 2025. The boundary is law (districts abolished from 1/7/2025); the 3-level
// set starts on the day of its snapshot (2025-03-01), the earliest day the data is known to
// describe, so older dates find no structure rather than a guessed one.
structure_info three_level_2025();
structure_info two_level_2025();

class unit_set;

// One administrative unit (not plain `unit`: motcua::unit is the empty value of `status`).
// Its strings view the owning unit_set's storage: valid while the set lives.
class admin_unit {
  public:
    std::string_view code;        // "01", "268", "09538"
    std::string_view name;        // "Phường Quang Trung" (NFC)
    std::string_view type;        // "Phường", "Quận", "Thành phố Trung ương"
    std::string_view parent_code; // empty for a province
    unit_level level = unit_level::province;

    const structure_info& structure() const { return *structure_; }
    std::string_view structure_id() const { return structure_->id; }
    civil_date valid_from() const { return structure_->valid_from; }
    std::optional<civil_date> valid_until() const { return structure_->valid_until; }

  private:
    friend class unit_set;
    const structure_info* structure_ = nullptr;
    std::int32_t parent_ = -1;      // index in the set; -1 for a province
    std::uint32_t first_child_ = 0; // children are contiguous in the set
    std::uint32_t child_count_ = 0;
};

// One row as read from a source (CSV line, asset record), before it is checked.
struct unit_row {
    std::string code;
    std::string name;
    std::string type;
    std::string parent_code;
    std::size_t line = 0; // where the row came from, for error messages
};

enum class row_origin { csv_line, asset_record };

enum class match_kind : std::uint8_t { exact, word_prefix, substring };

struct unit_match {
    const admin_unit* found;
    match_kind kind;
};

// Every unit of one structure, in tree order (provinces, then each one's children together),
// with a code index and precomputed search keys. Move-only: units point into its storage.
class unit_set {
  public:
    // Checks the rows (codes, parents, cycles, code length by level; see csv.hpp for the list
    // of errors) and builds the set. Rows may come in any order.
    static result<unit_set> from_rows(structure_info s, std::vector<unit_row> rows,
                                      row_origin origin = row_origin::csv_line);

    unit_set(unit_set&&) = default;
    unit_set& operator=(unit_set&&) = default;
    unit_set(const unit_set&) = delete;
    unit_set& operator=(const unit_set&) = delete;

    const structure_info& structure() const { return *structure_; }
    std::span<const admin_unit> units() const { return units_; }
    std::size_t size() const { return units_.size(); }
    std::size_t root_count() const { return root_count_; }
    bool owns(const admin_unit& u) const;

    const admin_unit* find(std::string_view code) const;
    const admin_unit* parent(const admin_unit& u) const;
    // The units directly under u (empty for a commune, or if u is not of this set).
    std::span<const admin_unit> children(const admin_unit& u) const;
    // The unit, its parent, … up to its province.
    std::vector<const admin_unit*> path_to_root(const admin_unit& u) const;

    // Units whose name matches text, ignoring case, diacritics and đ/d (text::search_key).
    // Ranked: exact name (with or without its type word: "Hà Đông", "Quận Hà Đông"), then a
    // match at the start of a word, then anywhere; on ties shorter names, then higher levels,
    // then tree order. At most limit results.
    std::vector<unit_match> search(std::string_view text, std::size_t limit) const;

    // Bytes held (units, strings, indexes), for reports.
    std::size_t memory_bytes() const;

  private:
    unit_set() = default;
    void build_search_index();

    std::unique_ptr<structure_info> structure_; // heap: units point at it across moves
    std::vector<char> text_;                    // codes, names, interned types
    std::vector<admin_unit> units_;
    std::size_t root_count_ = 0;
    std::vector<std::uint32_t> by_code_; // unit indices sorted by code
    // Search keys of the full names, each preceded by '\n': "\nquan ha dong\nphuong …".
    std::string keys_;
    std::vector<std::uint32_t> key_begin_; // offset of each unit's key (after its '\n'); +1 end
    std::vector<std::uint8_t> name_skip_;  // bytes of the type word and its space in the key
    std::array<std::uint32_t, 256> byte_count_{}; // how often each byte occurs in keys_
};

} // namespace motcua::units
