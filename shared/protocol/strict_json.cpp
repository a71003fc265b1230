// The strict parse (see the header): nlohmann's SAX parser with a tree builder of our own that
// refuses a repeated key or a control character as soon as it reads one.
#include "shared/protocol/strict_json.hpp"

#include "shared/protocol/errors.hpp"
#include "shared/text/control_chars.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace motcua::protocol::strict_json {

namespace {

using nlohmann::json;

// A key as a message shows it: control characters as \u00XX, at most 64 bytes (cut between
// characters) so an answer stays small whatever was sent.
std::string shown(std::string_view key) {
    std::string out;
    std::size_t i = 0;
    for (; i < key.size() && out.size() < 64; ++i) {
        const auto c = static_cast<unsigned char>(key[i]);
        if (text::is_control_character(c)) out += "\\u" + text::control_character_name(c).substr(2);
        else out += char(c);
    }
    while (i < key.size() && (static_cast<unsigned char>(key[i]) & 0xc0) == 0x80) out += key[i++];
    if (i < key.size()) out += "…";
    return out;
}

// Builds the tree as nlohmann's own builder does (json_sax_dom_parser), checking each key and
// string as it comes. Returning false stops the parse at once.
class builder {
  public:
    explicit builder(bool newlines_in_values) : newlines_in_values_(newlines_in_values) {}

    bool null() { return put(nullptr); }
    bool boolean(bool v) { return put(v); }
    bool number_integer(json::number_integer_t v) { return put(v); }
    bool number_unsigned(json::number_unsigned_t v) { return put(v); }
    bool number_float(json::number_float_t v, const json::string_t&) { return put(v); }
    bool binary(json::binary_t&) { return false; } // not in JSON text
    bool string(json::string_t& s) {
        const bool newline_ok = newlines_in_values_ && open_.size() == 2 && open_[0].key &&
                                *open_[0].key == multiline_member && open_[1].node->is_object();
        if (auto at = text::find_control_character(s, newline_ok); at != std::string::npos)
            return refuse(control_character_in_string(member(), static_cast<unsigned char>(s[at])));
        return put(std::move(s));
    }
    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return open_.pop_back(), true; }
    bool end_array() { return open_.pop_back(), true; }
    bool key(json::string_t& k) {
        if (auto at = text::find_control_character(k); at != std::string::npos)
            return refuse(control_character_in_key(k, static_cast<unsigned char>(k[at])));
        auto [at, fresh] = open_.back().node->emplace(std::move(k), nullptr);
        if (!fresh) return refuse(duplicate_key(at.key()));
        open_.back().key = &at.key();
        slot_ = &at.value();
        return true;
    }
    template <class Exception> bool parse_error(std::size_t, const std::string&, const Exception&) { return false; }

    json root;
    std::optional<error> refused;

  private:
    struct frame {
        json* node;
        const std::string* key; // an object's member being read (in the object itself)
    };

    json* place(json&& v) {
        if (open_.empty()) return &(root = std::move(v));
        json& parent = *open_.back().node;
        if (parent.is_array()) return &parent.emplace_back(std::move(v));
        return &(*slot_ = std::move(v));
    }
    bool put(json&& v) { return place(std::move(v)), true; }
    bool open(json&& v) { return open_.push_back({place(std::move(v)), nullptr}), true; }
    bool refuse(error e) { return refused = std::move(e), false; }
    // The key of the innermost member the string is in.
    std::string_view member() const {
        for (auto f = open_.rbegin(); f != open_.rend(); ++f)
            if (f->node->is_object()) return f->key ? std::string_view(*f->key) : std::string_view();
        return {};
    }

    bool newlines_in_values_;
    std::vector<frame> open_;
    json* slot_ = nullptr;
};

} // namespace

result<nlohmann::json> parse(std::string_view text, bool newlines_in_values) {
    builder b(newlines_in_values);
    const bool ok = json::sax_parse(text.begin(), text.end(), &b);
    if (b.refused) return std::move(*b.refused);
    if (!ok) return make_error(errors::json_malformed);
    return std::move(b.root);
}

error duplicate_key(std::string_view key) {
    const std::string k = shown(key);
    return make_error(errors::json_duplicate_key, "Trường lặp lại: \"" + k + "\".", "Repeated key: \"" + k + "\".");
}

error control_character_in_key(std::string_view key, unsigned char c) {
    const std::string k = shown(key), n = text::control_character_name(c);
    return make_error(errors::control_character, "Tên trường \"" + k + "\" có " + n + ".",
                      "The key \"" + k + "\" holds " + n + ".");
}

error control_character_in_string(std::string_view member, unsigned char c) {
    const std::string n = text::control_character_name(c);
    if (member.empty()) return make_error(errors::control_character, "(" + n + ")", "(" + n + ")");
    const std::string m = shown(member);
    return make_error(errors::control_character, "Trường \"" + m + "\" có " + n + ".",
                      "The field \"" + m + "\" holds " + n + ".");
}

} // namespace motcua::protocol::strict_json
