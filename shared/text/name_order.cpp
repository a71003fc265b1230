// Vietnamese name sort keys: each word becomes its letters (one byte each, in alphabet order),
// a terminator and its tone; the given name's word comes first.
#include "shared/text/name_order.hpp"

#include "shared/text/nfc.hpp"
#include "shared/text/utf8.hpp"

namespace motcua::text {

namespace {
// Key bytes. The terminator is below every token, so "An" < "Anh"; a tone byte always follows
// a terminator, so tokens stay aligned between two keys up to their first difference.
constexpr char terminator = 0x01;
constexpr unsigned char first_digit = 0x04; // '0' .. '9' → 0x04 .. 0x0D
constexpr unsigned char first_letter = 0x10;
constexpr unsigned char other_character = 0xF0; // then the code point in three bytes

// The alphabet, in order; the index is the letter's rank.
constexpr char32_t alphabet[] = {U'a', U'ă', U'â', U'b', U'c', U'd', U'đ', U'e', U'ê', U'f', U'g',
                                 U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o', U'ô', U'ơ', U'p',
                                 U'q', U'r', U's', U't', U'u', U'ư', U'v', U'w', U'x', U'y', U'z'};
constexpr unsigned alphabet_size = sizeof alphabet / sizeof alphabet[0];

struct ascii_letter_table {
    unsigned char byte[26] = {};
    constexpr ascii_letter_table() {
        for (unsigned i = 0; i < alphabet_size; ++i)
            if (alphabet[i] >= U'a' && alphabet[i] <= U'z')
                byte[alphabet[i] - U'a'] = static_cast<unsigned char>(first_letter + i);
    }
};
constexpr ascii_letter_table ascii_letters;

// The key byte of a lowercase letter of the alphabet, or 0.
unsigned char letter_byte(char32_t c) {
    if (c >= U'a' && c <= U'z') return ascii_letters.byte[c - U'a'];
    if (c < 0x80) return 0;
    for (unsigned i = 0; i < alphabet_size; ++i)
        if (alphabet[i] == c) return static_cast<unsigned char>(first_letter + i);
    return 0;
}

// Tones in key order (dictionary / CLDR order); none is 1.
enum tone : unsigned char { tone_none = 1, huyen, hoi, nga, sac, nang };

tone tone_of_mark(char32_t m) {
    switch (m) {
    case 0x0300:
        return huyen;
    case 0x0309:
        return hoi;
    case 0x0303:
        return nga;
    case 0x0301:
        return sac;
    case 0x0323:
        return nang;
    default:
        return tone_none;
    }
}

// The letter a base letter becomes with a vowel mark (breve, circumflex, horn), or 0.
char32_t with_vowel_mark(char32_t base, char32_t mark) {
    if (mark == 0x0306 && base == U'a') return U'ă';
    if (mark == 0x0302) {
        if (base == U'a') return U'â';
        if (base == U'e') return U'ê';
        if (base == U'o') return U'ô';
    }
    if (mark == 0x031B) {
        if (base == U'o') return U'ơ';
        if (base == U'u') return U'ư';
    }
    return 0;
}

bool is_space(char32_t c) {
    return c == U' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

// Characters that do not count: punctuation inside names, zero-width characters.
bool is_ignorable(char32_t c) {
    if (c < 0x80)
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
               (c >= 0x7B && c <= 0x7F) || c < 0x20;
    return c == 0xAD || c == 0x02BC || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x2010 && c <= 0x2019) || c == 0xFEFF;
}

bool is_combining_mark(char32_t c) {
    return combining_class(c) != 0 || (c >= 0x0300 && c <= 0x036F);
}

char32_t to_lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 0x20;
    if (c == U'Đ' || c == 0x00D0 || c == 0x0189 || c == 0x00F0) return U'đ'; // Ð ð: typed for Đ
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
    return c;
}

// Builds the key in one buffer: each finished word as tokens, terminator, tone; at the end the
// last word (the given name) is moved to the front.
class key_builder {
  public:
    explicit key_builder(std::size_t size_hint) { body_.reserve(size_hint + 8); }

    void add(char32_t cp) {
        if (cp >= U'a' && cp <= U'z') return add_letter(cp); // plain ASCII, the common case
        if (cp >= U'A' && cp <= U'Z') return add_letter(cp + 0x20);
        if (is_space(cp)) return end_word();
        if (is_ignorable(cp)) return;
        const canonical_decomposition d = decompose(cp);
        for (std::uint8_t i = 0; i < d.size; ++i)
            add_decomposed(d.code_points[i]);
    }

    std::string finish() {
        end_word();
        std::string key;
        key.reserve(body_.size());
        key.append(body_, last_word_start_, std::string::npos);
        key.append(body_, 0, last_word_start_);
        return key;
    }

  private:
    void add_letter(char32_t c) {
        in_word_ = true;
        last_letter_ = body_.size();
        last_base_ = c;
        body_ += char(letter_byte(c));
    }

    void add_decomposed(char32_t c) {
        if (is_combining_mark(c)) {
            if (tone t = tone_of_mark(c); t != tone_none) {
                if (tone_ == tone_none) tone_ = t;
                return;
            }
            if (last_letter_ != std::string::npos) {
                if (char32_t marked = with_vowel_mark(last_base_, c)) {
                    body_[last_letter_] = char(letter_byte(marked));
                    last_base_ = marked;
                }
            }
            return; // other marks (diaeresis, cedilla…) do not change the order
        }
        c = to_lower(c);
        if (letter_byte(c)) return add_letter(c);
        in_word_ = true;
        last_letter_ = std::string::npos;
        if (c >= U'0' && c <= U'9') {
            body_ += char(first_digit + (c - U'0'));
        } else {
            body_ += char(other_character);
            body_ += char((c >> 16) & 0xFF);
            body_ += char((c >> 8) & 0xFF);
            body_ += char(c & 0xFF);
        }
    }

    void end_word() {
        if (in_word_) {
            body_ += terminator;
            body_ += char(tone_);
            last_word_start_ = word_start_;
            word_start_ = body_.size();
        }
        in_word_ = false;
        tone_ = tone_none;
        last_letter_ = std::string::npos;
    }

    std::string body_;
    std::size_t word_start_ = 0, last_word_start_ = 0;
    std::size_t last_letter_ = std::string::npos; // where a following vowel mark may apply
    char32_t last_base_ = 0;
    tone tone_ = tone_none;
    bool in_word_ = false;
};
} // namespace

std::string name_sort_key(std::string_view name) {
    key_builder b(name.size());
    for (char32_t cp : code_points(name))
        b.add(cp);
    return b.finish();
}

int compare_names(std::string_view a, std::string_view b) {
    const std::string ka = name_sort_key(a), kb = name_sort_key(b);
    const int c = ka.compare(kb);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

} // namespace motcua::text
