// Name search over one structure: every unit's search key sits in one buffer, so a query is a
// single scan of it (about 200 KB for the whole country), and each hit maps back to its unit.
#include "shared/units/unit.hpp"

#include "shared/text/search_key.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace motcua::units {
namespace {

// The type words that open a unit's name, as search keys followed by their space. "Phường 5"
// keeps "phuong 5" as its full key, so both "5" and "phuong 5" are exact matches.
constexpr std::string_view type_words[] = {
    "thanh pho ", "thi tran ", "thi xa ", "tinh ", "huyen ", "quan ", "phuong ", "xa ", "dac khu ",
};

std::uint8_t type_word_size(std::string_view key) {
    for (std::string_view w : type_words) {
        if (key.size() > w.size() && key[0] == w[0] && key.substr(0, w.size()) == w) {
            return static_cast<std::uint8_t>(w.size());
        }
    }
    return 0;
}

constexpr std::size_t npos = std::string_view::npos;

// The position in query of the byte that is rarest in the keys: the scan stops on it.
std::size_t rarest_byte(std::string_view query, const std::array<std::uint32_t, 256>& counts) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < query.size(); ++i) {
        if (counts[static_cast<unsigned char>(query[i])] <
            counts[static_cast<unsigned char>(query[best])]) {
            best = i;
        }
    }
    return best;
}

// The first position at or after from where query occurs, found through its byte at anchor.
std::size_t find_anchored(std::string_view keys, std::string_view query, std::size_t anchor,
                          std::size_t from) {
    const char a = query[anchor];
    for (std::size_t i = from + anchor; i < keys.size(); ++i) {
        const void* p = std::memchr(keys.data() + i, a, keys.size() - i);
        if (!p) return npos;
        i = static_cast<std::size_t>(static_cast<const char*>(p) - keys.data());
        const std::size_t start = i - anchor;
        if (start + query.size() > keys.size()) return npos;
        std::size_t k = 0; // names are short: a plain loop beats a call to memcmp
        while (k < query.size() && keys[start + k] == query[k])
            ++k;
        if (k == query.size()) return start;
    }
    return npos;
}

// The unit whose key holds pos (begins[u] <= pos < begins[u + 1]), looking from unit from on:
// hits come in key order, so gallop forward from the previous owner, then bisect.
std::size_t owner_of(const std::vector<std::uint32_t>& begins, std::size_t pos, std::size_t from) {
    std::size_t lo = from;
    std::size_t step = 1;
    while (lo + step < begins.size() && begins[lo + step] <= pos) {
        lo += step;
        step *= 2;
    }
    const auto hi =
        begins.begin() + static_cast<std::ptrdiff_t>(std::min(lo + step, begins.size()));
    const auto first_after = std::upper_bound(begins.begin() + static_cast<std::ptrdiff_t>(lo), hi,
                                              static_cast<std::uint32_t>(pos));
    return static_cast<std::size_t>(first_after - begins.begin()) - 1;
}

struct candidate {
    std::uint32_t index;
    match_kind kind;
    std::uint32_t name_size; // the key without its type word
    unit_level level;
};

bool better(const candidate& a, const candidate& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.name_size != b.name_size) return a.name_size < b.name_size;
    if (a.level != b.level) return a.level < b.level;
    return a.index < b.index;
}

} // namespace

void unit_set::build_search_index() {
    keys_.clear();
    key_begin_.clear();
    name_skip_.clear();
    key_begin_.reserve(units_.size() + 1);
    name_skip_.reserve(units_.size());
    // Keys are folded word by word: the country's names use about 2,000 distinct words.
    // Folding never joins or splits across a space, so the joined keys are the same as
    // text::search_key of the whole name.
    std::unordered_map<std::string_view, std::string> word_keys;
    for (const admin_unit& u : units_) {
        keys_.push_back('\n');
        const std::size_t begin = keys_.size();
        std::string_view rest = u.name;
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            const std::string_view word = rest.substr(0, space);
            rest.remove_prefix(space == std::string_view::npos ? rest.size() : space + 1);
            auto it = word_keys.find(word);
            if (it == word_keys.end()) it = word_keys.emplace(word, text::search_key(word)).first;
            if (it->second.empty()) continue;
            if (keys_.size() > begin) keys_.push_back(' ');
            keys_ += it->second;
        }
        key_begin_.push_back(static_cast<std::uint32_t>(begin));
        name_skip_.push_back(type_word_size(std::string_view(keys_).substr(begin)));
    }
    key_begin_.push_back(static_cast<std::uint32_t>(keys_.size() + 1));
    keys_.shrink_to_fit();
    byte_count_.fill(0);
    for (char c : keys_)
        ++byte_count_[static_cast<unsigned char>(c)];
}

std::vector<unit_match> unit_set::search(std::string_view text, std::size_t limit) const {
    std::vector<unit_match> out;
    const std::string query = text::search_key(text);
    if (query.empty() || limit == 0) return out;
    const std::string_view keys(keys_);
    const std::size_t anchor = rarest_byte(query, byte_count_);

    std::vector<candidate> found;
    std::size_t u = 0; // the owner of the last hit
    for (std::size_t pos = find_anchored(keys, query, anchor, 0); pos != npos;) {
        u = owner_of(key_begin_, pos, u);
        const std::size_t begin = key_begin_[u];
        const std::size_t end = key_begin_[u + 1] - 1;
        const std::string_view key = keys.substr(begin, end - begin);
        const std::string_view name = key.substr(name_skip_[u]);
        match_kind kind = match_kind::substring;
        if (key == query || name == query) {
            kind = match_kind::exact;
        } else {
            // The first hit may sit inside a word and a later one start a word.
            for (std::size_t at = pos - begin; at != npos; at = key.find(query, at + 1)) {
                if (at == 0 || key[at - 1] == ' ') {
                    kind = match_kind::word_prefix;
                    break;
                }
            }
        }
        found.push_back({static_cast<std::uint32_t>(u), kind,
                         static_cast<std::uint32_t>(name.size()), units_[u].level});
        pos = find_anchored(keys, query, anchor, end);
    }

    if (found.size() > limit) {
        std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(limit),
                          found.end(), better);
        found.resize(limit);
    } else {
        std::sort(found.begin(), found.end(), better);
    }
    out.reserve(found.size());
    for (const candidate& c : found)
        out.push_back({&units_[c.index], c.kind});
    return out;
}

} // namespace motcua::units
