// motcua units search TEXT [--on YYYY-MM-DD] [--limit N]: administrative units by name, with
// the units above them, in the structure in force on that day (today in Vietnam by default).
#include "tools/cli/command.hpp"

#include "shared/core/date.hpp"
#include "shared/units/csv.hpp"
#include "shared/units/registry.hpp"

#include <nlohmann/json.hpp>

#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

namespace motcua::cli {
namespace {

// Both national lists; a problem is reported on stderr and leaves the registry short.
bool load_units(io& io, units::registry& reg) {
    struct source {
        const char* file;
        units::structure_info structure;
    };
    const source sources[] = {
        {"units-vn-3level-2025-03.csv", units::three_level_2025()},
        {"units-vn-2level-2026-07.csv", units::two_level_2025()},
    };
    for (const source& s : sources) {
        const auto path = io.data_dir / "units" / s.file;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            io.err << "motcua: cannot read " << path.string() << "\n";
            return false;
        }
        std::stringstream text;
        text << in.rdbuf();
        auto set = units::parse_units_csv(text.str(), s.structure);
        if (!set) {
            io.err << "motcua: " << path.string() << ": " << set.err().en << "\n";
            return false;
        }
        if (auto added = reg.add(std::move(*set)); !added) {
            io.err << "motcua: " << path.string() << ": " << added.err().en << "\n";
            return false;
        }
    }
    return true;
}

int search(const args& a, io& io) {
    std::string text;
    std::optional<civil_date> on;
    std::size_t limit = 20;
    for (std::size_t i = 1; i < a.size(); ++i) {
        const std::string& option = a[i];
        if (option == "--on" || option == "--limit") {
            if (i + 1 >= a.size()) return bad_argument(io, option + " needs a value");
            const std::string& v = a[++i];
            if (option == "--on") {
                on = parse_iso_date(v);
                if (!on) return bad_argument(io, "'" + v + "' is not a date (YYYY-MM-DD)");
            } else {
                const bool digits = !v.empty() && v.size() <= 4 &&
                                    v.find_first_not_of("0123456789") == std::string::npos;
                if (!digits || std::stoi(v) == 0) {
                    return bad_argument(io, "--limit needs a number from 1 to 9999");
                }
                limit = static_cast<std::size_t>(std::stoi(v));
            }
        } else if (a[i].size() > 1 && a[i].substr(0, 2) == "--") {
            return bad_argument(io,
                                "unknown option '" + a[i] + "' (units search takes --on, --limit)");
        } else {
            text += (text.empty() ? "" : " ") + a[i]; // "units search ha dong" needs no quotes
        }
    }
    if (text.find_first_not_of(" \t") == std::string::npos) {
        return bad_argument(io, "units search needs a name to look for");
    }
    const civil_date day =
        on ? *on : vietnam_date_of(static_cast<std::int64_t>(std::time(nullptr)));

    units::registry reg;
    if (!load_units(io, reg)) return 1;
    if (!reg.structure_in_force(day)) {
        io.err << "motcua: no list of administrative units covers " << to_iso(day) << "\n";
        return 1;
    }
    const auto hits = reg.search(text, day, limit);
    if (io.json) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& h : hits) {
            nlohmann::ordered_json path = nlohmann::ordered_json::array();
            for (const units::admin_unit* p : h.path)
                path.push_back({{"code", p->code}, {"name", p->name}});
            out.push_back({{"code", h.found->code},
                           {"name", h.found->name},
                           {"type", h.found->type},
                           {"level", units::level_name(h.found->level)},
                           {"structure", h.found->structure_id()},
                           {"path", std::move(path)}});
        }
        io.out << out.dump(2) << "\n";
    } else {
        for (const auto& h : hits) {
            io.out << h.found->code << "  " << h.found->name;
            for (const units::admin_unit* p : h.path)
                io.out << " — " << p->name;
            io.out << "\n";
        }
    }
    return hits.empty() ? 1 : 0;
}

} // namespace

int cmd_units(const args& a, io& io) {
    if (a.empty() || a[0] != "search") {
        return bad_argument(io, "units needs 'search TEXT [--on YYYY-MM-DD] [--limit N]'");
    }
    return search(a, io);
}

} // namespace motcua::cli
