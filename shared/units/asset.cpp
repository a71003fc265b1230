// The binary unit asset, version 1 (layout in asset.hpp).
#include "shared/units/asset.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>

namespace motcua::units {
namespace {

constexpr std::uint8_t magic[4] = {'M', 'C', 'A', 'U'};

constexpr std::array<std::uint32_t, 256> crc_table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t[i] = c;
    }
    return t;
}();

std::uint32_t crc32(std::span<const std::uint8_t> bytes) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::uint8_t b : bytes)
        c = crc_table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

void put_varint(std::vector<std::uint8_t>& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

void put_bytes(std::vector<std::uint8_t>& out, std::string_view s) {
    put_varint(out, s.size());
    out.insert(out.end(), s.begin(), s.end());
}

std::uint32_t code_number(std::string_view code) {
    std::uint32_t v = 0;
    for (char c : code)
        v = v * 10 + static_cast<std::uint32_t>(c - '0');
    return v;
}

bool has_type_word(const admin_unit& u) {
    return u.name.size() > u.type.size() + 1 && u.name.substr(0, u.type.size()) == u.type &&
           u.name[u.type.size()] == ' ';
}

void encode_set(std::vector<std::uint8_t>& out, const unit_set& set) {
    const structure_info& s = set.structure();
    put_bytes(out, s.id);
    out.push_back(static_cast<std::uint8_t>(s.depth));
    put_varint(out, zigzag(days_from_civil(s.valid_from)));
    out.push_back(s.valid_until ? 1 : 0);
    if (s.valid_until) put_varint(out, zigzag(days_from_civil(*s.valid_until)));
    put_varint(out, set.size());
    put_varint(out, set.root_count());

    std::vector<std::string_view> types;
    std::vector<std::uint64_t> type_codes;
    type_codes.reserve(set.size());
    for (const admin_unit& u : set.units()) {
        std::size_t t = 0;
        while (t < types.size() && types[t] != u.type)
            ++t;
        if (t == types.size()) types.push_back(u.type);
        type_codes.push_back(t * 2 + (has_type_word(u) ? 1 : 0));
    }
    put_varint(out, types.size());
    for (std::string_view t : types)
        put_bytes(out, t);
    for (std::uint64_t t : type_codes)
        put_varint(out, t);
    for (const admin_unit& u : set.units())
        put_varint(out, set.children(u).size());
    std::int64_t previous[3] = {0, 0, 0};
    for (const admin_unit& u : set.units()) {
        const std::int64_t code = code_number(u.code);
        std::int64_t& prev = previous[static_cast<int>(u.level)];
        put_varint(out, zigzag(code - prev));
        prev = code;
    }
    // Names as words from a table, commonest first: "Tân", "An", "Phú" recur thousands of times.
    std::vector<std::vector<std::string_view>> split(set.size());
    std::map<std::string_view, std::size_t> count;
    for (std::size_t k = 0; k < set.size(); ++k) {
        const admin_unit& u = set.units()[k];
        std::string_view rest = has_type_word(u) ? u.name.substr(u.type.size() + 1) : u.name;
        for (;;) {
            const std::size_t space = rest.find(' ');
            split[k].push_back(rest.substr(0, space));
            ++count[split[k].back()];
            if (space == std::string_view::npos) break;
            rest.remove_prefix(space + 1);
        }
    }
    std::vector<std::string_view> words;
    for (const auto& [w, c] : count)
        words.push_back(w);
    std::stable_sort(words.begin(), words.end(),
                     [&](std::string_view a, std::string_view b) { return count[a] > count[b]; });
    std::map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < words.size(); ++i)
        index[words[i]] = i;
    put_varint(out, words.size());
    for (std::string_view w : words)
        put_bytes(out, w);
    for (const auto& name : split) {
        put_varint(out, name.size());
        for (std::string_view w : name)
            put_varint(out, index[w]);
    }
}

// Reads the asset front to back; the first problem stops it.
class reader {
  public:
    explicit reader(std::span<const std::uint8_t> b) : b_(b) {}

    bool failed() const { return failed_; }
    std::size_t left() const { return b_.size() - at_; }

    std::uint8_t byte() {
        if (at_ >= b_.size()) return fail(), 0;
        return b_[at_++];
    }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const std::uint8_t c = byte();
            if (failed_) return 0;
            if (shift == 63 && c > 1) break;
            v |= static_cast<std::uint64_t>(c & 0x7F) << shift;
            if (!(c & 0x80)) return v;
        }
        return fail(), 0;
    }
    std::string_view bytes() {
        const std::uint64_t n = varint();
        if (failed_ || n > left()) return fail(), std::string_view();
        const auto* p = reinterpret_cast<const char*>(b_.data() + at_);
        at_ += n;
        return std::string_view(p, n);
    }
    void fail() { failed_ = true; }

  private:
    std::span<const std::uint8_t> b_;
    std::size_t at_ = 0;
    bool failed_ = false;
};

error malformed(const std::string& vi, const std::string& en) {
    return {"units_asset_malformed", "Tệp dữ liệu đơn vị hành chính bị hỏng: " + vi + ".",
            "The administrative units data file is damaged: " + en + "."};
}

result<unit_set> decode_set(reader& r) {
    structure_info s;
    s.id = std::string(r.bytes());
    s.depth = r.byte();
    // Day counts are bounded before they are turned into dates: a damaged file must not overflow.
    constexpr std::int64_t max_days = 3'000'000; // about the year 10,000
    auto day = [&r]() -> std::int64_t {
        const std::int64_t d = unzigzag(r.varint());
        if (d > max_days || d < -max_days) r.fail();
        return r.failed() ? 0 : d;
    };
    s.valid_from = civil_from_days(day());
    const std::uint8_t has_until = r.byte();
    if (has_until == 1) s.valid_until = civil_from_days(day());
    const std::uint64_t n = r.varint();
    const std::uint64_t roots = r.varint();
    if (r.failed()) return malformed("thiếu dữ liệu cấu trúc", "the structure is cut short");
    if (s.id.empty() || (s.depth != 2 && s.depth != 3) || has_until > 1 ||
        (s.valid_until && *s.valid_until < s.valid_from)) {
        return malformed("thông tin cấu trúc không hợp lệ", "the structure's description is wrong");
    }
    // Each unit takes at least four bytes (one per column): a count beyond that is a lie.
    if (n == 0 || n > r.left() / 4 || roots == 0 || roots > n) {
        return malformed("số đơn vị không hợp lệ", "the unit count is wrong");
    }
    const std::uint64_t type_count = r.varint();
    if (r.failed() || type_count == 0 || type_count > n) {
        return malformed("bảng loại đơn vị không hợp lệ", "the table of unit types is wrong");
    }
    std::vector<std::string_view> types;
    for (std::uint64_t t = 0; t < type_count; ++t)
        types.push_back(r.bytes());

    std::vector<unit_row> rows(n);
    std::vector<std::uint64_t> type_code(n);
    for (auto& t : type_code) {
        t = r.varint();
        if ((t >> 1) >= type_count) r.fail();
    }
    // Children: the units after the provinces are, in order, the children of unit 0, 1, ….
    std::vector<std::int64_t> parent(n, -1);
    std::vector<int> depth(n, 0);
    std::uint64_t next = roots;
    bool tree_ok = true;
    for (std::uint64_t k = 0; k < n && tree_ok && !r.failed(); ++k) {
        const std::uint64_t count = r.varint();
        // A unit nobody has claimed as a child, or more children than units left: not a tree.
        tree_ok = (k < roots || parent[k] >= 0) && count <= n - next;
        for (std::uint64_t c = 0; tree_ok && c < count; ++c) {
            parent[next] = static_cast<std::int64_t>(k);
            depth[next] = depth[k] + 1;
            ++next;
        }
    }
    if (r.failed()) return malformed("thiếu dữ liệu đơn vị", "the units are cut short");
    if (!tree_ok || next != n) {
        return malformed("cây đơn vị không khớp số đơn vị", "the tree does not match the count");
    }
    std::int64_t previous[3] = {0, 0, 0};
    for (std::uint64_t k = 0; k < n; ++k) {
        const auto l = s.level_at(depth[k]);
        const std::int64_t delta = unzigzag(r.varint());
        // Codes have at most five digits, so no honest delta is larger.
        if (r.failed() || !l || delta > 99999 || delta < -99999)
            return malformed("mã đơn vị không hợp lệ", "a unit code is wrong");
        std::int64_t& prev = previous[static_cast<int>(*l)];
        const std::int64_t code = prev + delta;
        const std::size_t width = code_length(*l);
        std::string digits = std::to_string(code);
        if (code < 0 || digits.size() > width) {
            return malformed("mã đơn vị không hợp lệ", "a unit code is wrong");
        }
        prev = code;
        rows[k].code = std::string(width - digits.size(), '0') + digits;
        rows[k].line = k + 1;
    }
    const std::uint64_t word_count = r.varint();
    if (r.failed() || word_count == 0 || word_count > r.left()) {
        return malformed("bảng từ của tên đơn vị không hợp lệ", "the table of name words is wrong");
    }
    std::vector<std::string_view> words(word_count);
    for (auto& w : words)
        w = r.bytes();
    for (std::uint64_t k = 0; k < n && !r.failed(); ++k) {
        const std::string_view type = types[type_code[k] >> 1];
        std::string& name = rows[k].name;
        if (type_code[k] & 1) name.append(type).push_back(' ');
        const std::uint64_t name_words = r.varint();
        if (name_words == 0 || name_words > r.left()) r.fail(); // each index takes a byte
        for (std::uint64_t i = 0; i < name_words && !r.failed(); ++i) {
            const std::uint64_t w = r.varint();
            if (w >= word_count) r.fail();
            if (i > 0) name.push_back(' ');
            if (!r.failed()) name.append(words[w]);
        }
        rows[k].type = std::string(type);
        if (parent[k] >= 0) rows[k].parent_code = rows[parent[k]].code;
    }
    if (r.failed()) return malformed("thiếu tên đơn vị", "the unit names are cut short");
    return unit_set::from_rows(std::move(s), std::move(rows), row_origin::asset_record);
}

} // namespace

std::vector<std::uint8_t> encode_asset(std::span<const unit_set* const> sets) {
    std::vector<std::uint8_t> out(std::begin(magic), std::end(magic));
    out.push_back(asset_version);
    put_varint(out, sets.size());
    for (const unit_set* s : sets)
        encode_set(out, *s);
    const std::uint32_t crc = crc32(out);
    for (int k = 0; k < 4; ++k)
        out.push_back(static_cast<std::uint8_t>(crc >> (8 * k)));
    return out;
}

std::vector<std::uint8_t> encode_asset(const unit_set& set) {
    const unit_set* one[1] = {&set};
    return encode_asset(std::span<const unit_set* const>(one));
}

result<std::vector<unit_set>> decode_asset(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < 4 || !std::equal(std::begin(magic), std::end(magic), bytes.begin())) {
        return error{"units_asset_magic",
                     "Tệp này không phải dữ liệu đơn vị hành chính của MộtCửa.",
                     "This file is not MộtCửa administrative units data."};
    }
    if (bytes.size() < 5 + 1 + 4) {
        return error{"units_asset_truncated", "Tệp dữ liệu đơn vị hành chính bị cắt cụt.",
                     "The administrative units data file is cut short."};
    }
    if (bytes[4] != asset_version) {
        const std::string v = std::to_string(bytes[4]);
        return error{"units_asset_version",
                     "Tệp dữ liệu đơn vị hành chính có phiên bản " + v +
                         ", ứng dụng này chỉ đọc được phiên bản 1. Hãy cập nhật ứng dụng.",
                     "The administrative units data file is version " + v +
                         "; this app reads version 1 only. Please update the app."};
    }
    const auto body = bytes.first(bytes.size() - 4);
    const auto tail = bytes.last(4);
    const std::uint32_t stored =
        static_cast<std::uint32_t>(tail[0]) | static_cast<std::uint32_t>(tail[1]) << 8 |
        static_cast<std::uint32_t>(tail[2]) << 16 | static_cast<std::uint32_t>(tail[3]) << 24;
    if (crc32(body) != stored) {
        return error{
            "units_asset_checksum",
            "Tệp dữ liệu đơn vị hành chính bị hỏng hoặc tải về chưa hết (sai mã kiểm tra).",
            "The administrative units data file is damaged or incompletely downloaded "
            "(checksum mismatch)."};
    }
    reader r(body.subspan(5));
    const std::uint64_t count = r.varint();
    if (r.failed() || count == 0 || count > 16) {
        return malformed("số cấu trúc không hợp lệ", "the structure count is wrong");
    }
    std::vector<unit_set> sets;
    for (std::uint64_t k = 0; k < count; ++k) {
        auto s = decode_set(r);
        if (!s) return s.err();
        sets.push_back(std::move(*s));
    }
    if (r.left() != 0) {
        return error{"units_asset_trailing",
                     "Tệp dữ liệu đơn vị hành chính có dữ liệu thừa ở cuối.",
                     "The administrative units data file has extra bytes at the end."};
    }
    return sets;
}

status load_asset(registry& into, std::span<const std::uint8_t> bytes) {
    auto sets = decode_asset(bytes);
    if (!sets) return sets.err();
    for (unit_set& s : *sets) {
        status added = into.add(std::move(s));
        if (!added) return added.err();
    }
    return ok_status();
}

} // namespace motcua::units
