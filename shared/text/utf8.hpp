// UTF-8 decoding and encoding with strict validation: text from phones and QR codes is checked
// here before it is normalised, stored or signed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace motcua::text {

inline constexpr char32_t replacement_character = U'\uFFFD';

// One decoded code point. An ill-formed sequence (bad lead or continuation byte, overlong form,
// surrogate, beyond U+10FFFF, truncated) decodes as U+FFFD with valid == false; size is then the
// length of its maximal subpart (Unicode 14 §3.9), so each bad subpart yields one U+FFFD, the
// same count as Python's and browsers' decoders.
struct decoded_char {
    char32_t code_point;
    std::uint8_t size; // bytes consumed, 1 to 4; 0 only for empty input
    bool valid;
};

// Decodes the code point at the start of utf8.
decoded_char decode_utf8(std::string_view utf8) noexcept;

// Appends cp as UTF-8; a surrogate or a value beyond U+10FFFF appends U+FFFD instead.
void append_utf8(std::string& out, char32_t cp);

bool is_valid_utf8(std::string_view utf8) noexcept;

// Iterates the code points of a UTF-8 string, yielding U+FFFD for each ill-formed subpart:
//     for (char32_t cp : code_points(s)) ...
class code_points {
  public:
    class iterator {
      public:
        using value_type = char32_t;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        char32_t operator*() const { return current_.code_point; }
        iterator& operator++() {
            rest_.remove_prefix(current_.size);
            current_ = decode_utf8(rest_);
            return *this;
        }
        iterator operator++(int) {
            iterator old = *this;
            ++*this;
            return old;
        }
        bool valid() const { return current_.valid; } // false where U+FFFD replaced bad bytes
        friend bool operator==(const iterator& a, const iterator& b) {
            return a.rest_.size() == b.rest_.size();
        }

      private:
        friend class code_points;
        explicit iterator(std::string_view rest) : rest_(rest), current_(decode_utf8(rest)) {}

        std::string_view rest_;
        decoded_char current_{0, 0, true};
    };

    explicit code_points(std::string_view utf8) : utf8_(utf8) {}
    iterator begin() const { return iterator(utf8_); }
    iterator end() const { return iterator(std::string_view(utf8_.data() + utf8_.size(), 0)); }

  private:
    std::string_view utf8_;
};

} // namespace motcua::text
