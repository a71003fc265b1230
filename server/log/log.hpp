// Structured logs: one JSON object a line on stderr. Callers pass only what is safe to keep:
// codes, counts, statuses — never a citizen's name or ID number. Info lines reach stderr
// within 20 ms (gathered, so that a busy server makes one write for many); warnings and errors
// at once; everything waiting at exit. A SIGKILL may cost the last 20 ms of info lines.
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

namespace motcua::server::log {

using field = std::pair<std::string_view, std::string_view>;

void info(std::string_view event, std::initializer_list<field> fields = {});
void warn(std::string_view event, std::initializer_list<field> fields = {});
void error(std::string_view event, std::initializer_list<field> fields = {});
// Writes out every line logged so far.
void flush();

} // namespace motcua::server::log
