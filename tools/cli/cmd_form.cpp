// motcua form check PROCEDURE_CODE FILE.json: every problem of a filled form, as the server
// would find it. FILE.json holds {"field": "value", …} or {"form_version": N, "values": {…}};
// values are taken as typed (dates d/m/yyyy or yyyy-mm-dd) and normalised first.
#include "tools/cli/catalog_file.hpp"
#include "tools/cli/command.hpp"

#include "shared/core/date.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

namespace motcua::cli {

int cmd_form(const args& a, io& io) {
    if (a.size() != 3 || a[0] != "check") return bad_argument(io, "usage: form check PROCEDURE_CODE FILE.json");
    auto c = load_catalog(io);
    if (!c) return 1;
    const auto* p = c->find(a[1]);
    if (!p) return bad_argument(io, "no procedure with code " + a[1] + " (see 'motcua catalog list')");
    std::ifstream in(a[2], std::ios::binary);
    if (!in) return bad_argument(io, "cannot read " + a[2]);
    std::stringstream text;
    text << in.rdbuf();
    auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return bad_argument(io, a[2] + " is not a JSON object");
    const forms::form_def* form = &p->current_form();
    if (j.contains("form_version")) {
        if (!j["form_version"].is_number_unsigned() || !(form = p->form_version(j["form_version"].get<std::uint32_t>())))
            return bad_argument(io, "form_version is not a version of " + a[1] + "'s form");
    }
    const nlohmann::json& values_json = j.contains("values") ? j["values"] : j;
    if (!values_json.is_object()) return bad_argument(io, "values must be an object of field → text");

    std::vector<forms::field_problem> problems;
    forms::values values;
    for (auto it = values_json.begin(); it != values_json.end(); ++it) {
        if (it.key() == "form_version") continue;
        if (!it.value().is_string()) return bad_argument(io, "the value of " + it.key() + " must be text");
        const forms::field_def* f = forms::field_for_key(*form, it.key());
        if (!f) {
            values[it.key()] = it.value().get<std::string>(); // reported as unknown by validate
            continue;
        }
        auto v = forms::normalize(*f, it.value().get<std::string>());
        if (!v) problems.push_back({it.key(), v.err()});
        else if (!v->empty()) values[it.key()] = *v;
    }
    forms::compute(*form, values);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    for (auto& pr : forms::validate(*form, values, vietnam_date_of(now.count()))) problems.push_back(std::move(pr));

    const bool errors = forms::has_errors(problems);
    if (io.json) {
        nlohmann::ordered_json out;
        out["procedure"] = p->code;
        out["form_version"] = form->version;
        out["valid"] = !errors;
        auto& list = out["problems"] = nlohmann::ordered_json::array();
        for (const auto& pr : problems)
            list.push_back({{"field", pr.field},
                            {"severity", pr.level == forms::severity::error ? "error" : "warning"},
                            {"code", pr.message.code},
                            {"vi", pr.message.vi},
                            {"en", pr.message.en}});
        io.out << out.dump(2) << "\n";
    } else {
        for (const auto& pr : problems)
            io.out << (pr.level == forms::severity::error ? "lỗi    " : "lưu ý  ") << pr.field << ": " << pr.message.vi
                   << " / " << pr.message.en << "\n";
        if (problems.empty()) io.out << "hợp lệ / valid\n";
    }
    return errors ? 1 : 0;
}

} // namespace motcua::cli
