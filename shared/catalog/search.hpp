// Finding a procedure the way a person asks for it: "dang ky khai sinh", "khai sinh" and
// "giay khai sinh" all find the birth registration. Missing diacritics, y for i (ký / kí), a
// letter wrong in a longer word and the words people put around a request ("thủ tục", "làm",
// "xin", "giấy") are all forgiven.
#pragma once

#include "shared/catalog/catalog.hpp"

#include <string_view>
#include <vector>

namespace motcua::catalog {

// Procedures matching every content word of `query` (each word found in the name, the field or
// the code, as a word's start or with one letter wrong), best first: the whole query in the name,
// then more of the name matched, then shorter names. An empty query, or one of filler words only,
// gives every procedure in catalog order.
std::vector<const procedure*> find_procedures(const catalog& c, std::string_view query);

} // namespace motcua::catalog
