#include "client/app/navigator.hpp"

namespace motcua::client {

namespace {
bool safe_part(std::string_view s) {
    if (s.empty() || s.size() > 64 || s[0] == '.' || s[0] == '-') return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-'))
            return false;
    return true;
}
} // namespace

std::optional<route> route_from_hash(std::string_view hash) {
    if (hash.substr(0, 2) != "#/") return std::nullopt;
    hash.remove_prefix(2);
    while (!hash.empty() && hash.back() == '/') hash.remove_suffix(1);
    const auto slash = hash.find('/');
    route r{std::string(hash.substr(0, slash)), slash == std::string_view::npos ? "" : std::string(hash.substr(slash + 1))};
    if (!safe_part(r.screen) || (!r.param.empty() && !safe_part(r.param))) return std::nullopt;
    return r;
}

std::string to_hash(const route& r) { return "#/" + r.screen + (r.param.empty() ? "" : "/" + r.param); }

void navigator::open(route r) {
    if (r == current()) return;
    if (r.screen == current().screen && !at_home()) stack_.back() = std::move(r);
    else stack_.push_back(std::move(r));
    ++generation_;
}

bool navigator::back() {
    if (at_home()) return false;
    stack_.pop_back();
    ++generation_;
    return true;
}

void navigator::open_from_link(route r) {
    stack_.resize(1);
    if (!(r == stack_[0])) stack_.push_back(std::move(r));
    ++generation_;
}

} // namespace motcua::client
