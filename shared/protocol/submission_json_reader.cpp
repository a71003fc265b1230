// The fast signed-submission reader (see the header). Every "return false" means "not sure":
// the general decoder then reads the same text.
#include "shared/protocol/submission_json_reader.hpp"

#include "shared/encoding/base64.hpp"
#include "shared/protocol/version.hpp"
#include "shared/text/utf8.hpp"

#include <cstdint>
#include <cstring>
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
    bool peek(char c) {
        ws();
        return p_ < end_ && *p_ == c;
    }
    bool at_end() {
        ws();
        return p_ == end_;
    }

    // A string; the text is known to be valid UTF-8 as a whole.
    bool string(std::string& out) {
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

    // Any JSON value, checked and skipped (fields this reader does not use).
    bool skip_value(int depth = 0) {
        if (depth > 32) return false;
        ws();
        if (p_ == end_) return false;
        switch (*p_) {
        case '"': {
            std::string ignored;
            return string(ignored);
        }
        case '{': {
            ++p_;
            if (take('}')) return true;
            do {
                std::string ignored;
                if (!string(ignored) || !take(':') || !skip_value(depth + 1)) return false;
            } while (take(','));
            return take('}');
        }
        case '[': {
            ++p_;
            if (take(']')) return true;
            do {
                if (!skip_value(depth + 1)) return false;
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
};

bool in_range(std::int64_t v, std::int64_t min, std::int64_t max) { return v >= min && v <= max; }

template <std::size_t N> bool fixed(reader& r, std::array<std::uint8_t, N>& out) {
    std::string text;
    if (!r.string(text)) return false;
    auto bin = encoding::from_base64(text);
    if (!bin || bin->size() != N) return false;
    std::memcpy(out.data(), bin->data(), N);
    return true;
}

// Reads an object's members, calling member(key) for each with the reader at the value; every
// key at most once.
template <class F> bool members(reader& r, F&& member) {
    if (!r.take('{')) return false;
    if (r.take('}')) return true;
    std::string key;
    do {
        if (!r.string(key) || !r.take(':') || !member(key)) return false;
    } while (r.take(','));
    return r.take('}');
}

bool attachment(reader& r, submission::attachment_ref& a) {
    unsigned seen = 0;
    bool ok = members(r, [&](const std::string& key) {
        auto once = [&](unsigned bit) { return !(seen & bit) && (seen |= bit, true); };
        std::int64_t size = 0;
        if (key == "name") return once(1) && r.string(a.name);
        if (key == "media_type") return once(2) && r.string(a.media_type);
        if (key == "hash") return once(4) && fixed(r, a.hash);
        if (key == "size") return once(8) && r.integer(size) && in_range(size, 0, INT64_MAX) && (a.size = std::uint64_t(size), true);
        return r.skip_value();
    });
    return ok && seen == 15;
}

} // namespace

std::optional<submission::signed_submission> read_submission_json(std::string_view text) {
    // Non-ASCII bytes belong in strings only, so the whole text is checked once here. A leading
    // byte-order mark (which nlohmann skips) is left to the general decoder.
    if (text.empty() || static_cast<unsigned char>(text[0]) == 0xEF || !text::is_valid_utf8(text)) return std::nullopt;
    reader r(text);
    submission::signed_submission s;
    auto& b = s.body;
    unsigned seen = 0;
    std::string value;
    bool ok = members(r, [&](const std::string& key) {
        auto once = [&](unsigned bit) { return !(seen & bit) && (seen |= bit, true); };
        std::int64_t n = 0;
        if (key == "protocol") return once(1) && r.integer(n) && in_range(n, 0, 1000) && n == version;
        if (key == "id") {
            if (!once(2) || !r.string(value)) return false;
            auto id = parse_uuid(value);
            return id && (b.id = *id, true);
        }
        if (key == "device_key") return once(4) && fixed(r, b.device_key);
        if (key == "procedure") return once(8) && r.string(b.procedure);
        if (key == "form_version")
            return once(16) && r.integer(n) && in_range(n, 0, 0xffffffff) && (b.form_version = std::uint32_t(n), true);
        if (key == "agency") return once(32) && r.string(b.agency);
        if (key == "created_at") return once(64) && r.integer(n) && in_range(n, 0, INT64_MAX) && (b.created_at = n, true);
        if (key == "values") {
            if (!once(128)) return false;
            std::string field;
            return members(r, [&](const std::string& k) {
                field = k;
                return b.values.size() < submission::max_values && r.string(value) &&
                       b.values.emplace(std::move(field), value).second; // a repeated key: unsure
            });
        }
        if (key == "attachments") {
            if (!once(256) || !r.take('[')) return false;
            if (r.take(']')) return true;
            do {
                if (b.attachments.size() >= submission::max_attachments) return false;
                if (!attachment(r, b.attachments.emplace_back())) return false;
            } while (r.take(','));
            return r.take(']');
        }
        if (key == "signature") return once(512) && fixed(r, s.signature);
        return r.skip_value();
    });
    if (!ok || seen != 1023 || !r.at_end()) return std::nullopt;
    return s;
}

} // namespace motcua::protocol
