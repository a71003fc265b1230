// The canonical binary encoding that signatures are made over: one byte string per value,
// the same on every device and on the server. Compact, so a signed submission fits in a QR code.
#pragma once

#include "shared/core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::encoding {

using bytes = std::vector<std::uint8_t>;

// Appends values; integers as unsigned LEB128, strings and blobs length-prefixed.
class canonical_writer {
  public:
    void magic(std::string_view tag); // a fixed tag, written without a length
    void uint(std::uint64_t v);
    void blob(std::span<const std::uint8_t> b);
    void fixed(std::span<const std::uint8_t> b); // fixed-size field, no length prefix
    void text(std::string_view s);

    const bytes& data() const { return out_; }
    bytes take() { return std::move(out_); }

  private:
    bytes out_;
};

// Reads what canonical_writer wrote. Every read fails (and stays failed) on short or
// non-minimal input, so a decoder can read everything and check ok() once at the end.
class canonical_reader {
  public:
    explicit canonical_reader(std::span<const std::uint8_t> in) : in_(in) {}

    bool magic(std::string_view tag);
    std::uint64_t uint();
    bytes blob(std::size_t max_size);
    bool fixed(std::span<std::uint8_t> out);
    std::string text(std::size_t max_size);

    bool ok() const { return ok_; }
    bool at_end() const { return pos_ == in_.size(); }
    void fail() { ok_ = false; }

  private:
    std::span<const std::uint8_t> in_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

} // namespace motcua::encoding
