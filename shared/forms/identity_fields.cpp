// Citizen ID, old ID, phone and email fields, checked by shared/identity.
#include "shared/forms/identity_fields.hpp"

#include "shared/identity/citizen_id.hpp"
#include "shared/identity/contact.hpp"

namespace motcua::forms {

std::vector<error> check_identity_field(field_kind kind, std::string_view value, std::optional<civil_date> birth,
                                        civil_date today) {
    switch (kind) {
    case field_kind::citizen_id: return identity::check_citizen_id(value, birth, today).problems;
    case field_kind::old_id: return identity::check_old_id(value).problems;
    case field_kind::phone: {
        auto p = identity::check_phone(value);
        if (p.valid) return {};
        auto problems = p.problems;
        if (p.suggestion && !problems.empty()) {
            problems.back().vi += " Có phải số " + *p.suggestion + "?";
            problems.back().en += " Did you mean " + *p.suggestion + "?";
        }
        return problems;
    }
    case field_kind::email: {
        auto s = identity::check_email(value);
        if (s) return {};
        return {s.err()};
    }
    default: return {};
    }
}

} // namespace motcua::forms
