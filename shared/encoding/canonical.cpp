// Canonical encoding: LEB128 integers, length-prefixed strings; see canonical.hpp.
#include "shared/encoding/canonical.hpp"

#include <cstring>

namespace motcua::encoding {

void canonical_writer::magic(std::string_view tag) { out_.insert(out_.end(), tag.begin(), tag.end()); }

void canonical_writer::uint(std::uint64_t v) {
    do {
        std::uint8_t byte = v & 0x7f;
        v >>= 7;
        if (v != 0) byte |= 0x80;
        out_.push_back(byte);
    } while (v != 0);
}

void canonical_writer::blob(std::span<const std::uint8_t> b) {
    uint(b.size());
    out_.insert(out_.end(), b.begin(), b.end());
}

void canonical_writer::fixed(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }

void canonical_writer::text(std::string_view s) {
    uint(s.size());
    out_.insert(out_.end(), s.begin(), s.end());
}

bool canonical_reader::magic(std::string_view tag) {
    if (!ok_ || in_.size() - pos_ < tag.size() ||
        std::memcmp(in_.data() + pos_, tag.data(), tag.size()) != 0) {
        ok_ = false;
        return false;
    }
    pos_ += tag.size();
    return true;
}

std::uint64_t canonical_reader::uint() {
    std::uint64_t v = 0;
    for (int shift = 0; ok_ && shift < 64; shift += 7) {
        if (pos_ >= in_.size()) break;
        std::uint8_t byte = in_[pos_++];
        // The tenth byte holds the 64th bit alone: anything more would be dropped in silence,
        // so that a second spelling of a number would decode.
        if (shift == 63 && byte > 1) break;
        v |= std::uint64_t(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            // A trailing zero group would give a second encoding of the same number.
            if (byte == 0 && shift != 0) break;
            return v;
        }
    }
    ok_ = false;
    return 0;
}

bytes canonical_reader::blob(std::size_t max_size) {
    std::uint64_t n = uint();
    if (!ok_ || n > max_size || n > in_.size() - pos_) {
        ok_ = false;
        return {};
    }
    bytes b(in_.begin() + pos_, in_.begin() + pos_ + n);
    pos_ += n;
    return b;
}

bool canonical_reader::fixed(std::span<std::uint8_t> out) {
    if (!ok_ || out.size() > in_.size() - pos_) {
        ok_ = false;
        return false;
    }
    std::memcpy(out.data(), in_.data() + pos_, out.size());
    pos_ += out.size();
    return true;
}

std::string canonical_reader::text(std::size_t max_size) {
    std::uint64_t n = uint();
    if (!ok_ || n > max_size || n > in_.size() - pos_) {
        ok_ = false;
        return {};
    }
    std::string s(reinterpret_cast<const char*>(in_.data()) + pos_, n);
    pos_ += n;
    return s;
}

} // namespace motcua::encoding
