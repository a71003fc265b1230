// Building error values from the table in errors.hpp.
#include "shared/protocol/errors.hpp"

namespace motcua::protocol {

error make_error(const error_kind& kind, std::string_view detail_vi, std::string_view detail_en) {
    error e{std::string(kind.code), std::string(kind.vi), std::string(kind.en)};
    if (!detail_vi.empty()) (e.vi += " ") += detail_vi;
    if (!detail_en.empty()) (e.en += " ") += detail_en;
    return e;
}

} // namespace motcua::protocol
