// CSV (RFC 4180) records and the unit list on top of them.
#include "shared/units/csv.hpp"

#include <utility>

namespace motcua::units {
namespace {

error quote_error(std::size_t line, const std::string& vi, const std::string& en) {
    const std::string n = std::to_string(line);
    return {"units_csv_quote", "Dòng " + n + ": " + vi, "Line " + n + ": " + en};
}

} // namespace

result<std::vector<csv_record>> parse_csv(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<csv_record> records;
    std::size_t line = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        // An empty line (LF or CRLF) holds no record.
        if (text[i] == '\n' || (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
            i += text[i] == '\r' ? 2 : 1;
            ++line;
            continue;
        }
        csv_record rec;
        rec.line = line;
        for (;;) { // one field per turn
            std::string field;
            if (i < n && text[i] == '"') {
                const std::size_t opened_on = line;
                ++i;
                for (;;) {
                    if (i >= n) {
                        return quote_error(opened_on,
                                           "dấu ngoặc kép mở ở dòng này không được đóng.",
                                           "a double quote opened on this line is never closed.");
                    }
                    const char c = text[i++];
                    if (c == '"') {
                        if (i < n && text[i] == '"') {
                            field.push_back('"');
                            ++i;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') ++line;
                        field.push_back(c);
                    }
                }
                if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    return quote_error(line,
                                       "sau dấu ngoặc kép đóng chỉ được là dấu phẩy hoặc "
                                       "xuống dòng.",
                                       "a closing double quote must be followed by a comma or "
                                       "the end of the line.");
                }
            } else {
                while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    if (text[i] == '"') {
                        return quote_error(line,
                                           "dấu ngoặc kép chỉ được dùng bao quanh cả một "
                                           "cột.",
                                           "a double quote may only enclose a whole field.");
                    }
                    field.push_back(text[i++]);
                }
            }
            rec.fields.push_back(std::move(field));
            if (i < n && text[i] == ',') {
                ++i;
                continue;
            }
            break;
        }
        // End of record: LF, CRLF, a lone CR, or the end of the text.
        if (i < n && text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') ++i;
        ++line;
        records.push_back(std::move(rec));
    }
    return records;
}

result<unit_set> parse_units_csv(std::string_view csv_text, structure_info structure) {
    auto parsed = parse_csv(csv_text);
    if (!parsed) return parsed.err();
    std::vector<csv_record>& records = *parsed;
    static const std::vector<std::string> header{"code", "name", "type", "parent_code"};
    if (records.empty() || records.front().fields != header) {
        const std::string n = records.empty() ? "1" : std::to_string(records.front().line);
        return error{"units_csv_header",
                     "Dòng " + n + ": dòng tiêu đề phải đúng là \"code,name,type,parent_code\".",
                     "Line " + n + ": the header must be exactly \"code,name,type,parent_code\"."};
    }
    std::vector<unit_row> rows;
    rows.reserve(records.size() - 1);
    for (std::size_t k = 1; k < records.size(); ++k) {
        csv_record& r = records[k];
        if (r.fields.size() != 4) {
            const std::string n = std::to_string(r.line);
            const std::string got = std::to_string(r.fields.size());
            return error{"units_csv_columns",
                         "Dòng " + n + ": có " + got +
                             " cột, cần đúng 4 cột (code,name,type,parent_code).",
                         "Line " + n + ": " + got +
                             " fields, where exactly 4 are needed (code,name,type,parent_code)."};
        }
        rows.push_back({std::move(r.fields[0]), std::move(r.fields[1]), std::move(r.fields[2]),
                        std::move(r.fields[3]), r.line});
    }
    return unit_set::from_rows(std::move(structure), std::move(rows), row_origin::csv_line);
}

} // namespace motcua::units
