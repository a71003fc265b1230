// Vietnamese numbers in words: groups of three digits read with the written conventions.
#include "shared/text/words.hpp"

#include "shared/text/nfc.hpp"
#include "shared/text/utf8.hpp"

#include <vector>

namespace motcua::text {

namespace {
const char* const digit_words[10] = {"không", "một", "hai", "ba",  "bốn",
                                     "năm",   "sáu", "bảy", "tám", "chín"};

using words = std::vector<const char*>;

// One group of three digits. full: a larger group came before, so hundreds and a zero tens
// digit are read out ("không trăm linh năm" rather than "năm").
void read_group(int n, bool full, words& out) {
    int h = n / 100, t = n / 10 % 10, u = n % 10;
    if (h > 0 || full) {
        out.push_back(digit_words[h]);
        out.push_back("trăm");
    }
    if (t == 0) {
        if (u == 0) return;
        if (h > 0 || full) out.push_back("linh");
        out.push_back(digit_words[u]);
        return;
    }
    if (t == 1) {
        out.push_back("mười");
    } else {
        out.push_back(digit_words[t]);
        out.push_back("mươi");
    }
    if (u == 0) return;
    if (u == 5)
        out.push_back("lăm");
    else if (u == 1 && t >= 2)
        out.push_back("mốt");
    else if (u == 4 && t >= 2)
        out.push_back("tư");
    else
        out.push_back(digit_words[u]);
}

// n > 0. higher: words for a larger unit (tỷ) were already written.
void read_positive(std::uint64_t n, bool higher, words& out) {
    constexpr std::uint64_t billion = 1000000000;
    if (n >= billion) {
        read_positive(n / billion, higher, out);
        out.push_back("tỷ");
        n %= billion;
        higher = true;
        if (n == 0) return;
    }
    static const char* const units[3] = {"triệu", "nghìn", nullptr};
    const int groups[3] = {int(n / 1000000), int(n / 1000 % 1000), int(n % 1000)};
    for (int i = 0; i < 3; ++i) {
        if (groups[i] == 0) continue;
        read_group(groups[i], higher, out);
        if (units[i]) out.push_back(units[i]);
        higher = true;
    }
}

std::string join(const words& w) {
    std::string s;
    for (const char* word : w) {
        if (!s.empty()) s += ' ';
        s += word;
    }
    return s;
}

const char* const month_words[12] = {"một", "hai", "ba",   "tư",   "năm",      "sáu",
                                     "bảy", "tám", "chín", "mười", "mười một", "mười hai"};
} // namespace

std::string number_in_words(std::int64_t n) {
    if (n == 0) return digit_words[0];
    words w;
    // Negate in unsigned arithmetic, so the most negative value has a magnitude too.
    std::uint64_t magnitude = std::uint64_t(n);
    if (n < 0) {
        w.push_back("âm");
        magnitude = ~magnitude + 1;
    }
    read_positive(magnitude, false, w);
    return join(w);
}

std::string date_in_words(civil_date d) {
    if (!is_valid(d)) return {};
    return "Ngày " + number_in_words(d.day) + ", tháng " + month_words[d.month - 1] + ", năm " +
           number_in_words(d.year);
}

std::string money_in_words(std::int64_t vnd) {
    return number_in_words(vnd) + " đồng";
}

std::string capitalize_first(std::string_view utf8) {
    if (utf8.empty()) return {};
    decoded_char first = decode_utf8(utf8);
    canonical_decomposition parts = decompose(first.code_point);
    char32_t& base = parts.code_points[0];
    if (base >= U'a' && base <= U'z')
        base -= 0x20;
    else if (base == U'đ')
        base = U'Đ';
    std::string out;
    for (std::uint8_t i = 0; i < parts.size; ++i)
        append_utf8(out, parts.code_points[i]);
    out.append(utf8.substr(first.size));
    return to_nfc(out);
}

} // namespace motcua::text
