// The built-in procedure table. Facts marked unconfirmed in notes/domain.md stay marked here.
#include "shared/catalog/catalog.hpp"

namespace motcua::catalog {

namespace {
forms::form_def birth_registration_form() {
    using forms::field_kind;
    return forms::form_def{
        "1.001193",
        1,
        "Đăng ký khai sinh",
        "Birth registration",
        {
            {"requester_name", "Họ và tên người yêu cầu", "Requester's full name", field_kind::text,
             true, 100, {}, "Ví dụ: Nguyễn Văn An", "e.g. Nguyễn Văn An"},
            {"child_name", "Họ và tên trẻ", "Child's full name", field_kind::text, true, 100, {},
             "Ghi đủ họ, chữ đệm và tên", "Family, middle and given names"},
            {"child_birth_date", "Ngày sinh của trẻ", "Child's date of birth", field_kind::date, true,
             10, {}, "ngày/tháng/năm, ví dụ 05/09/2025", "day/month/year, e.g. 05/09/2025"},
            {"child_sex", "Giới tính", "Sex", field_kind::choice, true, 10,
             {{"nam", "Nam", "Male"}, {"nu", "Nữ", "Female"}}},
            {"birth_place", "Nơi sinh", "Place of birth", field_kind::text, true, 200, {},
             "Tên cơ sở y tế hoặc địa chỉ", "Hospital name or address"},
        }};
}
} // namespace

const std::vector<procedure>& procedures() {
    // Birth registration at commune level: the law allows same-day return, or the next working
    // day when received late; one working day is the conservative appointment.
    static const std::vector<procedure> table{
        {"1.001193", false, "Đăng ký khai sinh", "Birth registration", 1, "000.00.10.H26",
         "UBND phường (đơn vị minh hoạ)", birth_registration_form()},
    };
    return table;
}

const procedure* find_procedure(std::string_view code) {
    for (const auto& p : procedures())
        if (p.code == code) return &p;
    return nullptr;
}

} // namespace motcua::catalog
