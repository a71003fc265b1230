// Where the person is in the app: a stack of screens, each with a parameter (a draft's id, a
// dossier's code), with back. Pure: the platform ties it to the browser's history, so the
// Android back button or gesture goes back one screen, and a `#/screen/param` link opens its
// screen after a reload or from a shared link.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::client {

struct route {
    std::string screen;
    std::string param; // "" when the screen takes none
    friend bool operator==(const route&, const route&) = default;
};

// "#/settings", "#/form/0190a…": screen ids and parameters of [A-Za-z0-9._-] only, so a link
// can name nothing else. Returns nullopt for anything else (the app then starts at home).
std::optional<route> route_from_hash(std::string_view hash);
std::string to_hash(const route& r);

class navigator {
  public:
    explicit navigator(route home) : stack_{std::move(home)} {}

    const route& current() const { return stack_.back(); }
    std::size_t depth() const { return stack_.size(); } // 1 at home
    bool at_home() const { return stack_.size() == 1; }

    // Opens a screen over the current one (the same screen again replaces it instead).
    void open(route r);
    // Back one screen; false at home (nothing to go back to: the platform decides).
    bool back();
    // Straight to a screen from a link: home stays beneath it, so back leads home.
    void open_from_link(route r);
    std::uint64_t generation() const { return generation_; } // changes with every move

  private:
    std::vector<route> stack_;
    std::uint64_t generation_ = 0;
};

} // namespace motcua::client
