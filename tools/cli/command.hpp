// The subcommands of tools/motcua, the command line over the domain core. Each takes its
// arguments (after the subcommand's name) and writes plain text, or JSON with --json.
// Exit status: 0 done (and valid), 1 a valid run with a negative answer (an invalid ID, form
// problems), 2 a bad argument (one line on stderr).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace motcua::cli {

struct io {
    std::ostream& out;
    std::ostream& err;
    bool json = false;
    std::filesystem::path data_dir; // shared/data of the checkout, or $MOTCUA_DATA_DIR
};

using args = std::vector<std::string>;

// Prints "motcua: <message>" on stderr and returns 2.
int bad_argument(io& io, const std::string& message);

int cmd_calendar(const args& a, io& io);
int cmd_units(const args& a, io& io);
int cmd_id(const args& a, io& io);
int cmd_catalog(const args& a, io& io);
int cmd_form(const args& a, io& io);

} // namespace motcua::cli
