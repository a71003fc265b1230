// The fast signed-submission reader (see the header). Every "return false" means "not sure"
// (the general decoder then reads the same text) unless refuse() was called on the way: then
// the text breaks a rule of strict_json.hpp there, and all it holds before that point is sound
// JSON, so the general decoder stops at the same place with the same refusal.
#include "shared/protocol/submission_json_reader.hpp"

#include "shared/encoding/base64.hpp"
#include "shared/protocol/strict_json.hpp"
#include "shared/protocol/version.hpp"
#include "shared/text/control_chars.hpp"
#include "shared/text/utf8.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <string>

namespace motcua::protocol {

namespace {

class reader {
  public:
    explicit reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    void ws() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    }
    bool take(char c) {
        ws();
        if (p_ < end_ && *p_ == c) return ++p_, true;
        return false;
    }
    bool at_end() {
        ws();
        return p_ == end_;
    }

    bool refuse(error e) { return refused_ = std::move(e), false; }
    std::optional<error>& refused() { return refused_; }

    // A string value in the member `member` (named in the refusal): a control character in it
    // is refused, a line break too unless newline_ok.
    bool string(std::string& out, std::string_view member, bool newline_ok = false) {
        if (!raw_string(out)) return false;
        const auto at = text::find_control_character(out, newline_ok);
        if (at == std::string::npos) return true;
        return refuse(strict_json::control_character_in_string(member, static_cast<unsigned char>(out[at])));
    }

    // An object, calling member(key) for each member with the reader at its value. A key that
    // holds a control character is refused, and so is a key the object had already (fresh(key)
    // false), both before the colon is read, as nlohmann's parser does.
    template <class Fresh, class Member> bool object(Fresh&& fresh, Member&& member) {
        if (!take('{')) return false;
        if (take('}')) return true;
        std::string key;
        do {
            if (!raw_string(key)) return false;
            if (auto at = text::find_control_character(key); at != std::string::npos)
                return refuse(strict_json::control_character_in_key(key, static_cast<unsigned char>(key[at])));
            if (!fresh(key)) return refuse(strict_json::duplicate_key(key));
            if (!take(':') || !member(key)) return false;
        } while (take(','));
        return take('}');
    }

    // A plain integer (no fraction, no exponent), as nlohmann reads it: negative ones as
    // int64, others as uint64 (then capped at INT64_MAX by the field readers).
    bool integer(std::int64_t& out) {
        ws();
        const bool negative = p_ < end_ && *p_ == '-';
        if (negative) ++p_;
        if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
        if (*p_ == '0' && p_ + 1 < end_ && p_[1] >= '0' && p_[1] <= '9') return false; // leading zero
        std::uint64_t v = 0;
        int digits = 0;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
            if (++digits > 19) return false; // may not fit: the general decoder decides
            v = v * 10 + std::uint64_t(*p_++ - '0');
        }
        if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
        if (negative) {
            if (v > std::uint64_t(INT64_MAX)) return false;
            out = -std::int64_t(v);
        } else {
            out = v > std::uint64_t(INT64_MAX) ? INT64_MAX : std::int64_t(v);
        }
        return true;
    }

    // Any JSON value in the member `member`, checked and skipped (fields this reader does not
    // use): the same rules hold in it.
    bool skip_value(std::string_view member, int depth = 0) {
        if (depth > 32) return false;
        ws();
        if (p_ == end_) return false;
        switch (*p_) {
        case '"': {
            std::string ignored;
            return string(ignored, member);
        }
        case '{': {
            std::set<std::string> keys;
            return object([&](const std::string& k) { return keys.insert(k).second; },
                          [&](const std::string& k) { return skip_value(k, depth + 1); });
        }
        case '[': {
            ++p_;
            if (take(']')) return true;
            do {
                if (!skip_value(member, depth + 1)) return false;
            } while (take(','));
            return take(']');
        }
        case 't': return word("true");
        case 'f': return word("false");
        case 'n': return word("null");
        default: return number();
        }
    }

  private:
    // A string as JSON decodes it, with no rule of ours; the text is known to be valid UTF-8.
    bool raw_string(std::string& out) {
        out.clear();
        if (!take('"')) return false;
        for (;;) {
            const char* start = p_;
            while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
            out.append(start, p_);
            if (p_ == end_ || static_cast<unsigned char>(*p_) < 0x20) return false;
            if (*p_ == '"') return ++p_, true;
            if (++p_ == end_) return false; // after the backslash
            switch (*p_++) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                char32_t cp = 0;
                if (!hex4(cp)) return false;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return false; // a lone low surrogate
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    char32_t low = 0;
                    if (end_ - p_ < 6 || p_[0] != '\\' || p_[1] != 'u') return false;
                    p_ += 2;
                    if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                text::append_utf8(out, cp);
                break;
            }
            default: return false;
            }
        }
    }
    bool hex4(char32_t& cp) {
        if (end_ - p_ < 4) return false;
        for (int i = 0; i < 4; ++i) {
            const char c = *p_++;
            cp <<= 4;
            if (c >= '0' && c <= '9') cp |= char32_t(c - '0');
            else if (c >= 'a' && c <= 'f') cp |= char32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') cp |= char32_t(c - 'A' + 10);
            else return false;
        }
        return true;
    }
    bool word(const char* w) {
        const std::size_t n = std::strlen(w);
        if (std::size_t(end_ - p_) < n || std::memcmp(p_, w, n) != 0) return false;
        return p_ += n, true;
    }
    bool digits() {
        const char* start = p_;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        return p_ > start;
    }
    bool number() { // JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        if (p_ < end_ && *p_ == '-') ++p_;
        if (p_ < end_ && *p_ == '0') ++p_;
        else if (!digits()) return false;
        if (p_ < end_ && *p_ == '.' && (++p_, !digits())) return false;
        if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (!digits()) return false;
        }
        return true;
    }

    const char* p_;
    const char* end_;
    std::optional<error> refused_;
};

// The keys of an object whose members the reader knows by name: a bit each, and any other
// key in a set (none in what the app sends, so nothing is allocated for it).
template <std::size_t N> class known_keys {
  public:
    explicit known_keys(const std::array<std::string_view, N>& names) : names_(names) {}
    // False when the object had this key already.
    bool fresh(const std::string& key) {
        for (std::size_t i = 0; i < N; ++i)
            if (names_[i] == key) return !(seen_ & (1u << i)) && (seen_ |= 1u << i, true);
        return others_.insert(key).second;
    }
    bool all_seen() const { return seen_ == (1u << N) - 1; }

  private:
    const std::array<std::string_view, N>& names_;
    unsigned seen_ = 0;
    std::set<std::string> others_;
};

constexpr std::array<std::string_view, 4> attachment_keys = {"name", "media_type", "hash", "size"};
constexpr std::array<std::string_view, 10> submission_keys = {
    "protocol", "id", "device_key", "procedure", "form_version", "agency", "created_at", "values", "attachments", "signature"};

bool in_range(std::int64_t v, std::int64_t min, std::int64_t max) { return v >= min && v <= max; }

template <std::size_t N> bool fixed(reader& r, std::string_view member, std::array<std::uint8_t, N>& out) {
    std::string text;
    if (!r.string(text, member)) return false;
    auto bin = encoding::from_base64(text);
    if (!bin || bin->size() != N) return false;
    std::memcpy(out.data(), bin->data(), N);
    return true;
}

bool attachment(reader& r, submission::attachment_ref& a) {
    known_keys keys(attachment_keys);
    bool ok = r.object([&](const std::string& key) { return keys.fresh(key); },
                       [&](const std::string& key) {
                           std::int64_t size = 0;
                           if (key == "name") return r.string(a.name, key);
                           if (key == "media_type") return r.string(a.media_type, key);
                           if (key == "hash") return fixed(r, key, a.hash);
                           if (key == "size")
                               return r.integer(size) && in_range(size, 0, INT64_MAX) && (a.size = std::uint64_t(size), true);
                           return r.skip_value(key);
                       });
    return ok && keys.all_seen();
}

// The submission's "values": text only, a line break allowed (the form decides by field kind).
bool values(reader& r, std::map<std::string, std::string>& out) {
    std::string value;
    return r.object([&](const std::string& k) { return out.find(k) == out.end(); },
                    [&](const std::string& k) {
                        return out.size() < submission::max_values && r.string(value, k, /*newline_ok=*/true) &&
                               (out.emplace(k, value), true);
                    });
}

} // namespace

std::optional<result<submission::signed_submission>> read_submission_json(std::string_view text) {
    // Non-ASCII bytes belong in strings only, so the whole text is checked once here. A leading
    // byte-order mark (which nlohmann skips) is left to the general decoder.
    if (text.empty() || static_cast<unsigned char>(text[0]) == 0xEF || !text::is_valid_utf8(text)) return std::nullopt;
    reader r(text);
    submission::signed_submission s;
    auto& b = s.body;
    known_keys keys(submission_keys);
    std::string value;
    bool ok = r.object([&](const std::string& key) { return keys.fresh(key); },
                       [&](const std::string& key) {
        std::int64_t n = 0;
        if (key == "protocol") return r.integer(n) && in_range(n, 0, 1000) && n == version;
        if (key == "id") {
            if (!r.string(value, key)) return false;
            auto id = parse_uuid(value);
            return id && (b.id = *id, true);
        }
        if (key == "device_key") return fixed(r, key, b.device_key);
        if (key == "procedure") return r.string(b.procedure, key);
        if (key == "form_version")
            return r.integer(n) && in_range(n, 0, 0xffffffff) && (b.form_version = std::uint32_t(n), true);
        if (key == "agency") return r.string(b.agency, key);
        if (key == "created_at") return r.integer(n) && in_range(n, 0, INT64_MAX) && (b.created_at = n, true);
        if (key == "values") return values(r, b.values);
        if (key == "attachments") {
            if (!r.take('[')) return false;
            if (r.take(']')) return true;
            do {
                if (b.attachments.size() >= submission::max_attachments) return false;
                if (!attachment(r, b.attachments.emplace_back())) return false;
            } while (r.take(','));
            return r.take(']');
        }
        if (key == "signature") return fixed(r, key, s.signature);
        return r.skip_value(key);
    });
    if (r.refused()) return result<submission::signed_submission>(std::move(*r.refused()));
    if (!ok || !keys.all_seen() || !r.at_end()) return std::nullopt;
    return result<submission::signed_submission>(std::move(s));
}

} // namespace motcua::protocol
