// Structured logs: one JSON object a line on stderr. Callers pass only what is safe to keep:
// codes, counts, statuses — never a citizen's name or ID number.
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

namespace motcua::server::log {

using field = std::pair<std::string_view, std::string_view>;

void info(std::string_view event, std::initializer_list<field> fields = {});
void warn(std::string_view event, std::initializer_list<field> fields = {});
void error(std::string_view event, std::initializer_list<field> fields = {});

} // namespace motcua::server::log
