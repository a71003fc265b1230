// motcua catalog list | show CODE: the procedure catalog, as officers and scripts read it.
#include "tools/cli/catalog_file.hpp"
#include "tools/cli/command.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace motcua::cli {

namespace {

std::string_view level_vi(catalog::handling_level l) {
    switch (l) {
    case catalog::handling_level::commune: return "xã";
    case catalog::handling_level::district: return "huyện";
    case catalog::handling_level::province: return "tỉnh";
    }
    return "";
}

nlohmann::ordered_json summary(const catalog::procedure& p) {
    return {{"code", p.code},
            {"code_confirmed", p.code_confirmed},
            {"name_vi", p.name_vi},
            {"name_en", p.name_en},
            {"field_vi", p.field_vi},
            {"level_3tier", catalog::level_name(p.level_3tier)},
            {"level_2tier", catalog::level_name(p.level_2tier)},
            {"online_level", p.online_level},
            {"online_scope", p.whole_process_online ? "toan_trinh" : "mot_phan"},
            {"processing_working_days", p.processing_working_days},
            {"processing_confirmed", p.processing_confirmed}};
}

nlohmann::ordered_json details(const catalog::procedure& p) {
    auto j = summary(p);
    j["name_en"] = p.name_en;
    auto& fees = j["fees"] = nlohmann::ordered_json::array();
    for (const auto& f : p.fees) fees.push_back({{"name_vi", f.name_vi}, {"amount_vnd", f.amount_vnd}, {"note_vi", f.note_vi}});
    auto& docs = j["documents"] = nlohmann::ordered_json::array();
    for (const auto& d : p.documents)
        docs.push_back({{"name_vi", d.name_vi}, {"name_en", d.name_en}, {"required", d.required}, {"copies", d.copies}});
    auto& steps = j["linked_steps"] = nlohmann::ordered_json::array();
    for (const auto& s : p.linked_steps)
        steps.push_back({{"agency_vi", s.agency_vi}, {"step_vi", s.step_vi}, {"working_days", s.working_days}});
    const auto& form = p.current_form();
    auto& fields = j["form"]["fields"] = nlohmann::ordered_json::array();
    j["form"]["version"] = form.version;
    for (const auto& f : form.fields)
        fields.push_back({{"id", f.id}, {"label_vi", f.label_vi}, {"kind", forms::kind_name(f.kind)}, {"required", f.required}});
    j["source"] = p.source;
    return j;
}

std::string money(std::int64_t v) {
    std::string digits = std::to_string(v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out.push_back('.');
        out.push_back(digits[i]);
    }
    return out + " đ";
}

} // namespace

int cmd_catalog(const args& a, io& io) {
    if (a.empty() || (a[0] != "list" && a[0] != "show"))
        return bad_argument(io, "catalog needs 'list' or 'show CODE'");
    if (a[0] == "list" && a.size() != 1) return bad_argument(io, "catalog list takes no more arguments");
    if (a[0] == "show" && a.size() != 2) return bad_argument(io, "catalog show needs one procedure code");
    auto c = load_catalog(io);
    if (!c) return 1;

    if (a[0] == "list") {
        if (io.json) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& p : c->procedures()) out.push_back(summary(p));
            io.out << out.dump(2) << "\n";
            return 0;
        }
        for (const auto& p : c->procedures())
            io.out << p.code << (p.code_confirmed ? "  " : "* ") << "  cấp " << level_vi(p.level_3tier) << "/"
                   << level_vi(p.level_2tier) << "  mức " << p.online_level
                   << (p.whole_process_online ? " toàn trình" : " một phần ") << "  " << p.processing_working_days
                   << " ngày  " << p.name_vi << "\n";
        io.out << c->procedures().size() << " thủ tục; * mã chưa được xác nhận / code unconfirmed\n";
        return 0;
    }
    const auto* p = c->find(a[1]);
    if (!p) return bad_argument(io, "no procedure with code " + a[1] + " (see 'motcua catalog list')");
    if (io.json) {
        io.out << details(*p).dump(2) << "\n";
        return 0;
    }
    io.out << p->name_vi << " (" << p->name_en << ")\n"
           << "Mã / code: " << p->code << (p->code_confirmed ? "" : " (chưa xác nhận / unconfirmed)") << "\n"
           << "Lĩnh vực: " << p->field_vi << "\n"
           << "Cấp thực hiện: " << level_vi(p->level_3tier) << " (đến 30/6/2025), " << level_vi(p->level_2tier)
           << " (từ 1/7/2025)\n"
           << "Mức độ trực tuyến: " << p->online_level << ", " << (p->whole_process_online ? "toàn trình" : "một phần")
           << "\n"
           << "Thời hạn giải quyết: " << p->processing_working_days << " ngày làm việc"
           << (p->processing_confirmed ? "" : " (chưa xác nhận)") << "\n"
           << "Lệ phí:\n";
    for (const auto& f : p->fees) io.out << "  - " << f.name_vi << ": " << money(f.amount_vnd) << (f.note_vi.empty() ? "" : " — " + f.note_vi) << "\n";
    io.out << "Thành phần hồ sơ:\n";
    for (const auto& d : p->documents)
        io.out << "  - " << d.name_vi << (d.required ? "" : " (nếu có)") << (d.copies > 1 ? ", " + std::to_string(d.copies) + " bản" : "") << "\n";
    if (!p->linked_steps.empty()) {
        io.out << "Liên thông:\n";
        for (const auto& s : p->linked_steps)
            io.out << "  - " << s.agency_vi << ": " << s.step_vi << " (" << s.working_days << " ngày)\n";
    }
    io.out << "Mẫu đơn (phiên bản " << p->current_form().version << "):\n";
    for (const auto& f : p->current_form().fields)
        io.out << "  - " << f.id << ": " << f.label_vi << " [" << forms::kind_name(f.kind) << (f.required ? ", bắt buộc" : "") << "]\n";
    return 0;
}

} // namespace motcua::cli
