// Computed fields: values the form fills in itself from others (the date of birth in words).
#include "shared/forms/form.hpp"

#include "shared/text/words.hpp"

#include <cstdlib>

namespace motcua::forms {

void compute(const form_def& form, values& v) {
    for (const auto& f : form.fields) {
        if (f.computed.empty()) continue;
        auto colon = f.computed.find(':');
        const std::string fn = f.computed.substr(0, colon);
        const std::string source = colon == std::string::npos ? std::string() : f.computed.substr(colon + 1);
        auto it = v.find(source);
        std::string result;
        if (it != v.end() && !it->second.empty()) {
            if (fn == "date_in_words") {
                if (auto d = parse_iso_date(it->second)) result = text::date_in_words(*d);
            } else if (fn == "number_in_words") {
                char* end = nullptr;
                long long n = std::strtoll(it->second.c_str(), &end, 10);
                if (*end == '\0') result = text::number_in_words(n);
            }
        }
        if (result.empty()) v.erase(f.id);
        else v[f.id] = result;
    }
}

} // namespace motcua::forms
