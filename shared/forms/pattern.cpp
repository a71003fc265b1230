// A backtracking matcher over code points for the small pattern language of pattern.hpp.
#include "shared/forms/pattern.hpp"

#include "shared/text/utf8.hpp"

#include <functional>
#include <memory>
#include <vector>

namespace motcua::forms {

namespace {

struct alternatives;

struct atom {
    enum class type { literal, any, set, group } kind = type::literal;
    char32_t ch = 0;
    std::vector<std::pair<char32_t, char32_t>> ranges; // set
    bool negated = false;
    std::shared_ptr<alternatives> group;
    int min = 1, max = 1; // max -1: unbounded
};

using sequence = std::vector<atom>;
struct alternatives {
    std::vector<sequence> options;
};

class parser {
  public:
    explicit parser(std::u32string_view p) : p_(p) {}

    std::shared_ptr<alternatives> parse_all(bool& ok) {
        auto alt = parse_alternatives();
        ok = ok_ && pos_ == p_.size();
        return alt;
    }

  private:
    std::shared_ptr<alternatives> parse_alternatives() {
        auto alt = std::make_shared<alternatives>();
        alt->options.push_back(parse_sequence());
        while (pos_ < p_.size() && p_[pos_] == '|') {
            ++pos_;
            alt->options.push_back(parse_sequence());
        }
        return alt;
    }

    sequence parse_sequence() {
        sequence seq;
        while (ok_ && pos_ < p_.size() && p_[pos_] != '|' && p_[pos_] != ')') {
            atom a = parse_atom();
            parse_quantifier(a);
            seq.push_back(std::move(a));
        }
        return seq;
    }

    void add_class(atom& a, char32_t c) {
        if (c == 'd') a.ranges.push_back({'0', '9'});
        else if (c == 'w') {
            a.ranges.push_back({'0', '9'});
            a.ranges.push_back({'a', 'z'});
            a.ranges.push_back({'A', 'Z'});
            a.ranges.push_back({'_', '_'});
        } else if (c == 's') {
            a.ranges.push_back({' ', ' '});
            a.ranges.push_back({'\t', '\r'});
        } else a.ranges.push_back({c, c});
    }

    atom parse_atom() {
        atom a;
        char32_t c = p_[pos_++];
        if (c == '.') a.kind = atom::type::any;
        else if (c == '(') {
            a.kind = atom::type::group;
            a.group = parse_alternatives();
            if (pos_ >= p_.size() || p_[pos_] != ')') ok_ = false;
            else ++pos_;
        } else if (c == '[') {
            a.kind = atom::type::set;
            if (pos_ < p_.size() && p_[pos_] == '^') {
                a.negated = true;
                ++pos_;
            }
            bool closed = false;
            while (pos_ < p_.size()) {
                char32_t lo = p_[pos_++];
                if (lo == ']') {
                    closed = true;
                    break;
                }
                if (lo == '\\' && pos_ < p_.size()) {
                    add_class(a, p_[pos_++]);
                    continue;
                }
                if (pos_ + 1 < p_.size() && p_[pos_] == '-' && p_[pos_ + 1] != ']') {
                    char32_t hi = p_[pos_ + 1];
                    pos_ += 2;
                    if (hi < lo) ok_ = false;
                    a.ranges.push_back({lo, hi});
                } else a.ranges.push_back({lo, lo});
            }
            if (!closed) ok_ = false;
        } else if (c == '\\') {
            if (pos_ >= p_.size()) {
                ok_ = false;
                return a;
            }
            char32_t e = p_[pos_++];
            if (e == 'd' || e == 'w' || e == 's') {
                a.kind = atom::type::set;
                add_class(a, e);
            } else a.ch = e;
        } else if (c == '?' || c == '*' || c == '+' || c == '{' || c == ')') ok_ = false;
        else a.ch = c;
        return a;
    }

    int read_int() {
        int v = -1;
        while (pos_ < p_.size() && p_[pos_] >= '0' && p_[pos_] <= '9') {
            v = (v < 0 ? 0 : v) * 10 + int(p_[pos_++] - '0');
            if (v > 10000) ok_ = false;
        }
        return v;
    }

    void parse_quantifier(atom& a) {
        if (pos_ >= p_.size()) return;
        char32_t q = p_[pos_];
        if (q == '?') a.min = 0, a.max = 1;
        else if (q == '*') a.min = 0, a.max = -1;
        else if (q == '+') a.min = 1, a.max = -1;
        else if (q == '{') {
            ++pos_;
            int lo = read_int();
            int hi = lo;
            if (pos_ < p_.size() && p_[pos_] == ',') {
                ++pos_;
                hi = read_int();
            }
            if (lo < 0 || pos_ >= p_.size() || p_[pos_] != '}' || (hi >= 0 && hi < lo)) ok_ = false;
            a.min = lo;
            a.max = hi;
        } else return;
        ++pos_;
    }

    std::u32string_view p_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

class matcher {
  public:
    explicit matcher(std::u32string_view s) : s_(s) {}
    using cont = std::function<bool(std::size_t)>;

    bool alt(const alternatives& a, std::size_t pos, const cont& k) {
        for (const auto& seq : a.options)
            if (seq_at(seq, 0, pos, k)) return true;
        return false;
    }

  private:
    bool seq_at(const sequence& seq, std::size_t i, std::size_t pos, const cont& k) {
        if (i == seq.size()) return k(pos);
        return repeat(seq, i, 0, pos, k);
    }

    // Greedy: one more of atom i first, then the rest of the sequence.
    bool repeat(const sequence& seq, std::size_t i, int count, std::size_t pos, const cont& k) {
        const atom& a = seq[i];
        if (a.max < 0 || count < a.max) {
            bool more = one(a, pos, [&](std::size_t next) {
                // An empty iteration would loop forever; it adds nothing, so stop there.
                return next != pos && repeat(seq, i, count + 1, next, k);
            });
            if (more) return true;
        }
        return count >= a.min && seq_at(seq, i + 1, pos, k);
    }

    bool one(const atom& a, std::size_t pos, const cont& k) {
        switch (a.kind) {
        case atom::type::literal: return pos < s_.size() && s_[pos] == a.ch && k(pos + 1);
        case atom::type::any: return pos < s_.size() && k(pos + 1);
        case atom::type::set: {
            if (pos >= s_.size()) return false;
            bool in = false;
            for (auto [lo, hi] : a.ranges) in = in || (s_[pos] >= lo && s_[pos] <= hi);
            return in != a.negated && k(pos + 1);
        }
        case atom::type::group: return alt(*a.group, pos, k);
        }
        return false;
    }

    std::u32string_view s_;
};

std::u32string decode(std::string_view s) {
    std::u32string out;
    for (char32_t cp : text::code_points(s)) out.push_back(cp);
    return out;
}

} // namespace

bool pattern_is_valid(std::string_view pattern) {
    auto p = decode(pattern);
    bool ok = false;
    parser(p).parse_all(ok);
    return ok;
}

bool pattern_matches(std::string_view pattern, std::string_view value) {
    auto p = decode(pattern);
    bool ok = false;
    auto tree = parser(p).parse_all(ok);
    if (!ok) return false;
    auto v = decode(value);
    matcher m(v);
    return m.alt(*tree, 0, [&](std::size_t end) { return end == v.size(); });
}

} // namespace motcua::forms
