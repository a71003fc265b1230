// motcua: the command line over the domain core, for officers, administrators and scripts.
#include "tools/cli/command.hpp"

#include "shared/crypto/signing.hpp"

#include <cstdlib>
#include <iostream>
#include <map>

namespace motcua::cli {
int bad_argument(io& io, const std::string& message) {
    io.err << "motcua: " << message << "\n";
    return 2;
}
} // namespace motcua::cli

namespace {
const char* usage = R"(usage: motcua COMMAND … [--json]
  calendar tet YEAR                      Gregorian date of Tết
  calendar lunar YYYY-MM-DD              the Vietnamese lunar date
  calendar holidays YEAR                 days off, with their names
  calendar due RECEIVED_DATE DAYS        due date after DAYS working days
  units search TEXT [--on YYYY-MM-DD]    administrative units by name, with their paths
  id check NUMBER [--birth YYYY-MM-DD]   check a citizen ID (exit 1 with reasons if invalid)
  catalog list | catalog show CODE       the procedure catalog
  form check PROCEDURE_CODE FILE.json    every problem of a filled form (exit 1 if any)
)";
} // namespace

int main(int argc, char** argv) {
    using namespace motcua::cli;
    motcua::crypto::init();
    args rest;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--json") json = true;
        else rest.push_back(std::move(a));
    }
    const char* env = std::getenv("MOTCUA_DATA_DIR");
    io io{std::cout, std::cerr, json, env && *env ? env : MOTCUA_DATA_DIR};
    if (rest.empty() || rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
        (rest.empty() ? std::cerr : std::cout) << usage;
        return rest.empty() ? 2 : 0;
    }
    static const std::map<std::string, int (*)(const args&, struct io&)> commands{
        {"calendar", cmd_calendar}, {"units", cmd_units}, {"id", cmd_id},
        {"catalog", cmd_catalog},   {"form", cmd_form},
    };
    auto it = commands.find(rest[0]);
    if (it == commands.end()) return bad_argument(io, "unknown command '" + rest[0] + "' (see motcua --help)");
    args sub(rest.begin() + 1, rest.end());
    return it->second(sub, io);
}
