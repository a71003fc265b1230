// A value or an error, for functions whose failure is expected (bad input, network).
// The wasm client is built without exceptions, so shared/ reports failure this way.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace motcua {

// An error a person may read: a stable machine code, Vietnamese first, English second.
struct error {
    std::string code;
    std::string vi;
    std::string en;
};

template <class T> class result {
  public:
    result(T value) : v_(std::move(value)) {}
    result(error e) : v_(std::move(e)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const error& err() const { return std::get<1>(v_); }

  private:
    std::variant<T, error> v_;
};

// For operations that return nothing but may fail.
struct unit {};
using status = result<unit>;
inline status ok_status() { return unit{}; }

} // namespace motcua
