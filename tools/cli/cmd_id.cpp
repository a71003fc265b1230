// motcua id check NUMBER [--birth YYYY-MM-DD] [--today YYYY-MM-DD]: what a personal ID number
// (12 digits) or an old ID card number (9 digits) says, or every reason it is wrong.
// --today (default: today in Vietnam) is for reproducible runs. The person typed the number, so
// the answer may show it; the messages on stderr never do.
#include "tools/cli/command.hpp"

#include "shared/core/date.hpp"
#include "shared/identity/citizen_id.hpp"

#include <nlohmann/json.hpp>

#include <ctime>
#include <optional>
#include <ostream>

namespace motcua::cli {

namespace {
// The value of --name VALUE or --name=VALUE at a[i]; advances i past it.
std::optional<std::string> option_value(const args& a, std::size_t& i, const std::string& name) {
    if (a[i] == name) {
        if (i + 1 >= a.size()) return std::nullopt;
        return a[++i];
    }
    return a[i].substr(name.size() + 1);
}

bool is_option(const std::string& arg, const std::string& name) {
    return arg == name || arg.rfind(name + "=", 0) == 0;
}

std::string sex_vi(char sex) {
    return sex == 'F' ? "nữ" : "nam";
}
std::string sex_en(char sex) {
    return sex == 'F' ? "female" : "male";
}

void print_json(const identity::id_check& c, io& io) {
    nlohmann::json j;
    j["valid"] = c.valid();
    j["kind"] = c.kind == identity::id_kind::old_id ? "old_id" : "citizen_id";
    j["normalized"] = c.normalized;
    j["province_code"] = nullptr;
    j["province_name"] = nullptr;
    j["sex"] = nullptr;
    j["birth_year"] = nullptr;
    if (c.info) {
        j["province_code"] = c.info->province_code;
        if (!c.info->province_name.empty()) j["province_name"] = c.info->province_name;
        j["sex"] = std::string(1, c.info->sex);
        j["birth_year"] = c.info->birth_year;
    }
    j["problems"] = nlohmann::json::array();
    for (const auto& p : c.problems)
        j["problems"].push_back({{"code", p.code}, {"vi", p.vi}, {"en", p.en}});
    io.out << j.dump(2) << "\n";
}

void print_text(const identity::id_check& c, io& io) {
    if (!c.valid()) {
        io.out << "không hợp lệ (invalid):\n";
        for (const auto& p : c.problems)
            io.out << "- " << p.vi << " (" << p.en << ")\n";
        return;
    }
    if (c.kind == identity::id_kind::old_id) {
        io.out << "hợp lệ: số chứng minh nhân dân cũ, 9 chữ số (valid: old 9-digit ID card "
                  "number)\n";
        return;
    }
    const auto& i = *c.info;
    io.out << "hợp lệ: " << i.province_name << ", " << sex_vi(i.sex) << ", sinh năm "
           << i.birth_year << " (valid: " << i.province_name << ", " << sex_en(i.sex)
           << ", born in " << i.birth_year << ")\n";
}
} // namespace

int cmd_id(const args& a, io& io) {
    if (a.empty() || a[0] != "check")
        return bad_argument(io, "usage: motcua id check NUMBER [--birth YYYY-MM-DD]");
    std::optional<std::string> number;
    std::optional<civil_date> birth;
    civil_date today = vietnam_date_of(static_cast<std::int64_t>(std::time(nullptr)));
    for (std::size_t i = 1; i < a.size(); ++i) {
        if (is_option(a[i], "--birth") || is_option(a[i], "--today")) {
            const bool is_birth = is_option(a[i], "--birth");
            auto value = option_value(a, i, is_birth ? "--birth" : "--today");
            auto date = value ? parse_iso_date(*value) : std::nullopt;
            if (!date)
                return bad_argument(io, std::string(is_birth ? "--birth" : "--today") +
                                            " needs a real date written YYYY-MM-DD");
            if (is_birth)
                birth = *date;
            else
                today = *date;
        } else if (a[i].rfind("--", 0) == 0) {
            return bad_argument(io, "unknown option for 'id check' (see motcua --help)");
        } else if (number) {
            // Not echoed: it may be part of an ID number.
            return bad_argument(io, "expected one NUMBER; put it in quotes if it has spaces");
        } else {
            number = a[i];
        }
    }
    if (!number) return bad_argument(io, "usage: motcua id check NUMBER [--birth YYYY-MM-DD]");

    const identity::id_check c = identity::check_id_number(*number, birth, today);
    if (io.json)
        print_json(c, io);
    else
        print_text(c, io);
    return c.valid() ? 0 : 1;
}

} // namespace motcua::cli
