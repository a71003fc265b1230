// Procedure search over folded words (text::search_key), forgiving as a person's typing is.
#include "shared/catalog/search.hpp"

#include "shared/text/search_key.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace motcua::catalog {

namespace {

// Words that frame a request rather than name it ("tôi muốn làm thủ tục xin giấy …"), folded
// as the query is (so "giấy" is "giai").
constexpr std::array<std::string_view, 16> filler = {"thu", "tuc", "lam", "xin", "giai", "to", "cho", "toi",
                                                     "muon", "can", "o", "dau", "the", "nao", "cach", "ve"};

// Folded, with y read as i (people write ký and kí, lý and lí).
std::string fold(std::string_view s) {
    std::string k = text::search_key(s);
    std::replace(k.begin(), k.end(), 'y', 'i');
    return k;
}

bool word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u);
}

std::vector<std::string> words(const std::string& folded) {
    std::vector<std::string> out;
    std::string w;
    for (char c : folded + ' ') {
        if (word_byte(c)) {
            w += c;
        } else if (!w.empty()) {
            out.push_back(std::move(w));
            w.clear();
        }
    }
    return out;
}

// One letter changed, added or dropped.
bool one_edit_apart(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
    return a.substr(i) == b.substr(i + 1);
}

bool word_matches(const std::string& asked, const std::string& word) {
    if (word.compare(0, asked.size(), asked) == 0) return true;
    return asked.size() >= 4 && one_edit_apart(asked, word);
}

} // namespace

std::vector<const procedure*> find_procedures(const catalog& c, std::string_view query) {
    const std::string folded_query = fold(query);
    std::vector<std::string> asked;
    for (auto& w : words(folded_query))
        if (std::find(filler.begin(), filler.end(), w) == filler.end()) asked.push_back(std::move(w));
    std::vector<const procedure*> out;
    if (asked.empty()) {
        for (const auto& p : c.procedures()) out.push_back(&p);
        return out;
    }
    std::string phrase;
    for (const auto& w : asked) phrase += (phrase.empty() ? "" : " ") + w;
    struct scored {
        const procedure* p;
        int score;
        std::size_t name_words;
    };
    std::vector<scored> found;
    for (const auto& p : c.procedures()) {
        const auto name = words(fold(p.name_vi));
        auto all = name;
        for (auto& w : words(fold(p.field_vi + " " + p.name_en + " " + p.code))) all.push_back(std::move(w));
        bool every = true;
        int in_name = 0;
        for (const auto& a : asked) {
            const bool named = std::any_of(name.begin(), name.end(), [&](const auto& w) { return word_matches(a, w); });
            in_name += named;
            every = every && (named || std::any_of(all.begin(), all.end(), [&](const auto& w) { return word_matches(a, w); }));
        }
        if (!every) continue;
        std::string joined;
        for (const auto& w : name) joined += (joined.empty() ? "" : " ") + w;
        const int score = (joined.find(phrase) != std::string::npos ? 1000 : 0) + 10 * in_name;
        found.push_back({&p, score, name.size()});
    }
    std::stable_sort(found.begin(), found.end(), [](const scored& a, const scored& b) {
        return a.score != b.score ? a.score > b.score : a.name_words < b.name_words;
    });
    for (const auto& f : found) out.push_back(f.p);
    return out;
}

} // namespace motcua::catalog
