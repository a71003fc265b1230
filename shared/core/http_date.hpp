// HTTP dates (RFC 9110 IMF-fixdate, "Tue, 24 Nov 2026 12:20:09 GMT"): how a device learns the
// server's clock from the Date header when its own is wrong.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua {

// Unix seconds, or nullopt for anything but a well-formed IMF-fixdate.
std::optional<std::int64_t> parse_http_date(std::string_view text);
std::string format_http_date(std::int64_t unix_seconds);

} // namespace motcua
