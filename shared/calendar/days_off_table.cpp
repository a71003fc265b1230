// The days-off table's CSV parser: RFC 4180 fields, every line checked, errors with line numbers.
#include "shared/calendar/days_off_table.hpp"

#include "shared/calendar/holidays.hpp"
#include "shared/calendar/lunar.hpp"
#include "shared/text/nfc.hpp"
#include "shared/text/utf8.hpp"

#include <array>
#include <map>
#include <optional>

namespace motcua::calendar {

namespace {

constexpr std::string_view error_code = "days_off_table_invalid";

error table_error(int line, const std::string& vi, const std::string& en) {
    const std::string where = std::to_string(line);
    return {std::string(error_code), "Bảng ngày nghỉ, dòng " + where + ": " + vi,
            "Days-off table, line " + where + ": " + en};
}

struct record {
    int line = 0; // where it starts
    std::vector<std::string> fields;
    std::vector<bool> quoted;
};

// Splits the text into records. A quoted field may hold commas, doubled quotes and line breaks.
result<std::vector<record>> split_records(std::string_view s) {
    std::vector<record> out;
    int line = 1;
    std::size_t i = 0;
    while (i < s.size()) {
        record r;
        r.line = line;
        for (;;) { // one field
            std::string field;
            bool quoted = false;
            if (i < s.size() && s[i] == '"') {
                quoted = true;
                ++i;
                for (;;) {
                    if (i >= s.size()) {
                        return table_error(r.line, "thiếu dấu \" đóng cho một ô mở bằng \".",
                                           "a field opened with \" is never closed.");
                    }
                    if (s[i] == '"') {
                        if (i + 1 < s.size() && s[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (s[i] == '\n') ++line;
                    field += s[i++];
                }
                if (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                    return table_error(line, "có chữ ngay sau dấu \" đóng của một ô.",
                                       "there is text right after the closing \" of a field.");
                }
            } else {
                while (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                    if (s[i] == '"') {
                        return table_error(line,
                                           "dấu \" nằm giữa một ô; hãy đặt cả ô trong ngoặc kép.",
                                           "a \" inside a field; quote the whole field.");
                    }
                    field += s[i++];
                }
                // Spreadsheets do not pad, people typing do: trim spaces of unquoted fields.
                const auto b = field.find_first_not_of(" \t");
                const auto e = field.find_last_not_of(" \t");
                field = b == std::string::npos ? std::string() : field.substr(b, e - b + 1);
            }
            r.fields.push_back(std::move(field));
            r.quoted.push_back(quoted);
            if (i < s.size() && s[i] == ',') {
                ++i;
                continue;
            }
            break;
        }
        if (i < s.size() && s[i] == '\r') ++i;
        if (i < s.size() && s[i] == '\n') ++i;
        ++line;
        const bool blank = r.fields.size() == 1 && r.fields[0].empty() && !r.quoted[0];
        if (!blank) out.push_back(std::move(r));
    }
    return out;
}

constexpr std::array<std::string_view, 7> columns = {"date",    "kind",   "occasion", "name_vi",
                                                     "name_en", "source", "confirmed"};
enum column { c_date, c_kind, c_occasion, c_name_vi, c_name_en, c_source, c_confirmed };

constexpr std::array<std::pair<std::string_view, entry_kind>, 3> kinds = {{
    {"holiday", entry_kind::holiday},
    {"working_day", entry_kind::working_day},
    {"not_holiday", entry_kind::not_holiday},
}};
constexpr std::array<std::pair<std::string_view, occasion>, 6> occasions = {{
    {"new_year", occasion::new_year},
    {"tet", occasion::tet},
    {"hung_kings", occasion::hung_kings},
    {"april_30_may_1", occasion::april_30_may_1},
    {"national_day", occasion::national_day},
    {"other", occasion::other},
}};

template <class T, std::size_t N>
std::optional<T> lookup(const std::array<std::pair<std::string_view, T>, N>& table,
                        std::string_view key) {
    for (const auto& [name, value] : table)
        if (name == key) return value;
    return std::nullopt;
}

template <class T, std::size_t N>
std::string names_of(const std::array<std::pair<std::string_view, T>, N>& table) {
    std::string s;
    for (const auto& entry : table) {
        if (!s.empty()) s += ", ";
        s += entry.first;
    }
    return s;
}

} // namespace

bool days_off_table::decides(int year, occasion o) const {
    for (const auto& e : entries)
        if (e.date.year == year && e.about == o) return true;
    return false;
}

std::string_view to_string(entry_kind k) {
    for (const auto& [name, value] : kinds)
        if (value == k) return name;
    return "holiday";
}

std::string_view to_string(occasion o) {
    for (const auto& [name, value] : occasions)
        if (value == o) return name;
    return "other";
}

result<days_off_table> parse_days_off_table(std::string_view csv) {
    if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3); // the BOM Excel writes
    auto split = split_records(csv);
    if (!split.ok()) return split.err();
    const std::vector<record>& records = *split;
    if (records.empty()) {
        return table_error(1, "tệp trống; dòng đầu phải là tên các cột.",
                           "the file is empty; the first line must name the columns.");
    }

    // The header: every column once, nothing unknown (a misspelt column is caught, not skipped).
    std::array<int, columns.size()> at;
    at.fill(-1);
    const record& header = records.front();
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string& name = header.fields[i];
        std::size_t c = 0;
        while (c < columns.size() && columns[c] != name)
            ++c;
        if (c == columns.size()) {
            return table_error(header.line, "không có cột nào tên '" + name + "'.",
                               "there is no column named '" + name + "'.");
        }
        if (at[c] >= 0) {
            return table_error(header.line, "cột '" + name + "' có hai lần.",
                               "column '" + name + "' appears twice.");
        }
        at[c] = int(i);
    }
    std::string all_columns;
    for (auto c : columns)
        all_columns += (all_columns.empty() ? "" : ",") + std::string(c);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (at[c] < 0) {
            return table_error(header.line,
                               "thiếu cột '" + std::string(columns[c]) + "' (cần: " + all_columns +
                                   ").",
                               "column '" + std::string(columns[c]) +
                                   "' is missing (needed: " + all_columns + ").");
        }
    }

    days_off_table table;
    std::map<civil_date, int> seen; // date -> line
    for (std::size_t r = 1; r < records.size(); ++r) {
        const record& rec = records[r];
        const int line = rec.line;
        if (rec.fields.size() != header.fields.size()) {
            return table_error(line,
                               "có " + std::to_string(rec.fields.size()) + " ô, cần " +
                                   std::to_string(header.fields.size()) +
                                   " như dòng tiêu đề (ô có dấu phẩy phải đặt trong ngoặc kép).",
                               "has " + std::to_string(rec.fields.size()) + " fields, needs " +
                                   std::to_string(header.fields.size()) +
                                   " like the header (quote a field that holds a comma).");
        }
        auto field = [&](column c) -> const std::string& { return rec.fields[at[c]]; };
        days_off_entry e;
        e.line = line;

        const auto date = parse_iso_date(field(c_date));
        if (!date || !is_valid(*date)) {
            return table_error(
                line, "ngày '" + field(c_date) + "' không hợp lệ; hãy ghi theo dạng YYYY-MM-DD.",
                "'" + field(c_date) + "' is not a valid date; write it as YYYY-MM-DD.");
        }
        e.date = *date;
        if (e.date.year < lunar_first_year || e.date.year > lunar_last_year) {
            return table_error(line,
                               "năm " + std::to_string(e.date.year) + " nằm ngoài khoảng " +
                                   std::to_string(lunar_first_year) + "–" +
                                   std::to_string(lunar_last_year) + " mà lịch tính được.",
                               "year " + std::to_string(e.date.year) + " is outside " +
                                   std::to_string(lunar_first_year) + "–" +
                                   std::to_string(lunar_last_year) +
                                   ", the years the calendar covers.");
        }

        const auto kind = lookup(kinds, field(c_kind));
        if (!kind) {
            return table_error(
                line,
                "loại '" + field(c_kind) + "' không có; dùng một trong: " + names_of(kinds) + ".",
                "kind '" + field(c_kind) + "' is unknown; use one of: " + names_of(kinds) + ".");
        }
        e.kind = *kind;
        const auto about = lookup(occasions, field(c_occasion));
        if (!about) {
            return table_error(line,
                               "dịp '" + field(c_occasion) +
                                   "' không có; dùng một trong: " + names_of(occasions) + ".",
                               "occasion '" + field(c_occasion) +
                                   "' is unknown; use one of: " + names_of(occasions) + ".");
        }
        e.about = *about;

        for (column c : {c_name_vi, c_name_en, c_source}) {
            const std::string& v = field(c);
            const std::string col(columns[c]);
            if (v.empty()) {
                return table_error(line, "ô '" + col + "' đang trống; hãy điền vào.",
                                   "'" + col + "' is empty; fill it in.");
            }
            if (!text::is_valid_utf8(v)) {
                return table_error(line,
                                   "ô '" + col +
                                       "' không phải văn bản UTF-8; hãy lưu tệp "
                                       "dạng CSV UTF-8.",
                                   "'" + col + "' is not UTF-8 text; save the file as CSV UTF-8.");
            }
        }
        e.name_vi = text::to_nfc(field(c_name_vi));
        e.name_en = text::to_nfc(field(c_name_en));
        e.source = text::to_nfc(field(c_source));

        const std::string& confirmed = field(c_confirmed);
        if (confirmed != "yes" && confirmed != "no") {
            return table_error(line,
                               "ô 'confirmed' phải là yes hoặc no, không phải '" + confirmed + "'.",
                               "'confirmed' must be yes or no, not '" + confirmed + "'.");
        }
        e.confirmed = confirmed == "yes";

        if (auto it = seen.find(e.date); it != seen.end()) {
            return table_error(line,
                               "ngày " + to_iso(e.date) + " đã có ở dòng " +
                                   std::to_string(it->second) + "; mỗi ngày chỉ ghi một lần.",
                               to_iso(e.date) + " is already on line " +
                                   std::to_string(it->second) + "; list each date once.");
        }
        seen.emplace(e.date, line);

        const int wd = weekday(e.date);
        if (e.kind == entry_kind::working_day && wd != 0 && wd != 6) {
            return table_error(line,
                               "ngày làm bù " + to_iso(e.date) +
                                   " không phải thứ Bảy hay Chủ nhật, vốn đã là ngày làm việc.",
                               "make-up working day " + to_iso(e.date) +
                                   " is not a Saturday or Sunday; it is a working day anyway.");
        }
        if (e.kind == entry_kind::not_holiday) {
            bool computed = false;
            for (const auto& d : holidays(e.date.year))
                computed = computed || d.date == e.date;
            if (!computed) {
                return table_error(line,
                                   to_iso(e.date) + " không phải ngày nghỉ tính theo mặc định, "
                                                    "nên not_holiday không có gì để bỏ.",
                                   to_iso(e.date) + " is not a day off by default, so "
                                                    "not_holiday has nothing to remove.");
            }
        }
        table.entries.push_back(std::move(e));
    }
    return table;
}

} // namespace motcua::calendar
