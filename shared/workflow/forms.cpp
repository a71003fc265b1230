// The built-in form sets and the choice of the one in force on a day.
#include "shared/workflow/forms.hpp"

namespace motcua::workflow {

const std::vector<rule_set>& default_rule_sets() {
    static const std::vector<rule_set> sets = {
        {"nd61-2018",
         "Nghị định 61/2018/NĐ-CP",
         "Thông tư 01/2018/TT-VPCP",
         {2018, 6, 21}, // the decree's entry into force
         false,
         {
             {form_kind::receipt, "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
              "Receipt and appointment"},
             {form_kind::supplement_request, "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
              "Request to supplement the dossier"},
             {form_kind::refusal, "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
              "Refusal to receive and process the dossier"},
             {form_kind::apology, "04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
              "Apology and new date for the result"},
             {form_kind::process_control, "05", "Phiếu kiểm soát quá trình giải quyết hồ sơ",
              "Process-control sheet"},
             {form_kind::tracking_log, "06", "Sổ theo dõi hồ sơ", "Dossier tracking log"},
         }},
        // Reported, not yet checked against the circular: the order and numbers may differ.
        {"nd118-2025",
         "Nghị định 118/2025/NĐ-CP",
         "Thông tư 03/2025/TT-VPCP",
         {2025, 7, 1},
         true,
         {
             {form_kind::receipt, "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
              "Receipt and appointment"},
             {form_kind::supplement_request, "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
              "Request to supplement the dossier"},
             {form_kind::refusal, "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
              "Refusal to receive and process the dossier"},
             {form_kind::apology, "04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
              "Apology and new date for the result"},
             {form_kind::stop_notice, "05", "Phiếu dừng xử lý hồ sơ",
              "Notice that processing is stopped"},
             {form_kind::process_control, "06", "Phiếu kiểm soát quá trình giải quyết hồ sơ",
              "Process-control sheet"},
             {form_kind::tracking_log, "07", "Sổ theo dõi hồ sơ", "Dossier tracking book"},
         }},
    };
    return sets;
}

const rule_set& rule_set_in_force(civil_date d, const std::vector<rule_set>& sets) {
    static const rule_set none{};
    if (sets.empty()) return none;
    const rule_set* best = nullptr;
    const rule_set* oldest = &sets.front();
    for (const auto& s : sets) {
        if (s.from < oldest->from) oldest = &s;
        if (!(d < s.from) && (!best || best->from < s.from)) best = &s;
    }
    return best ? *best : *oldest;
}

const std::vector<form_info>& forms_in_force(civil_date d, const std::vector<rule_set>& sets) {
    return rule_set_in_force(d, sets).forms;
}

const form_info* find_form(const rule_set& set, form_kind kind) {
    for (const auto& f : set.forms)
        if (f.kind == kind) return &f;
    return nullptr;
}

} // namespace motcua::workflow
