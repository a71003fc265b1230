// Loading the catalog file: JSON in, procedures out, and an error that says where and what.
#include "shared/catalog/catalog.hpp"

#include "shared/dossier/dossier_code.hpp"
#include "shared/forms/pattern.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace motcua::catalog {

using nlohmann::json;

namespace {

// Collects the path of what is being read, so an error can say exactly where.
class reader {
  public:
    explicit reader(std::string where) : where_(std::move(where)) {}

    bool failed() const { return !problem_.empty(); }
    const std::string& problem() const { return problem_; }

    void fail(const std::string& what) {
        if (problem_.empty()) problem_ = where_ + ": " + what;
    }

    const json* get(const json& obj, const char* key, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) fail(std::string("field '") + key + "' is missing");
            return nullptr;
        }
        return &*it;
    }

    std::string string(const json& obj, const char* key, bool required = true, std::string fallback = {}) {
        const json* v = get(obj, key, required);
        if (!v) return fallback;
        if (!v->is_string()) {
            fail(std::string("field '") + key + "' must be text");
            return fallback;
        }
        return v->get<std::string>();
    }

    std::int64_t integer(const json& obj, const char* key, bool required, std::int64_t fallback, std::int64_t min,
                         std::int64_t max) {
        const json* v = get(obj, key, required);
        if (!v) return fallback;
        if (!v->is_number_integer() || v->get<std::int64_t>() < min || v->get<std::int64_t>() > max) {
            fail(std::string("field '") + key + "' must be a whole number from " + std::to_string(min) + " to " +
                 std::to_string(max));
            return fallback;
        }
        return v->get<std::int64_t>();
    }

    bool boolean(const json& obj, const char* key, bool fallback) {
        const json* v = get(obj, key, false);
        if (!v) return fallback;
        if (!v->is_boolean()) {
            fail(std::string("field '") + key + "' must be true or false");
            return fallback;
        }
        return v->get<bool>();
    }

    std::optional<double> number(const json& obj, const char* key) {
        const json* v = get(obj, key, false);
        if (!v) return std::nullopt;
        if (!v->is_number()) {
            fail(std::string("field '") + key + "' must be a number");
            return std::nullopt;
        }
        return v->get<double>();
    }

    const json* array(const json& obj, const char* key, bool required) {
        const json* v = get(obj, key, required);
        if (v && !v->is_array()) {
            fail(std::string("field '") + key + "' must be a list");
            return nullptr;
        }
        return v;
    }

    // Reads a nested part with its own place in the error path.
    template <class F> void within(const std::string& place, F&& f) {
        std::string saved = where_;
        where_ += ", " + place;
        f();
        where_ = saved;
    }

  private:
    std::string where_;
    std::string problem_;
};

std::optional<handling_level> level_from(const std::string& s) {
    if (s == "commune") return handling_level::commune;
    if (s == "district") return handling_level::district;
    if (s == "province") return handling_level::province;
    return std::nullopt;
}

forms::field_def read_field(reader& r, const json& j, bool in_group);

void read_fields(reader& r, const json& list, std::vector<forms::field_def>& out, bool in_group) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list.size() && !r.failed(); ++i) {
        const json& f = list[i];
        std::string id = f.is_object() && f.contains("id") && f["id"].is_string() ? f["id"].get<std::string>() : "?";
        r.within("field " + std::to_string(i + 1) + " (" + id + ")", [&] {
            if (!f.is_object()) return r.fail("must be an object");
            auto field = read_field(r, f, in_group);
            if (!ids.insert(field.id).second) r.fail("the id '" + field.id + "' is used twice");
            out.push_back(std::move(field));
        });
    }
}

bool valid_id(const std::string& id) {
    if (id.empty() || id.size() > 40 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

forms::field_def read_field(reader& r, const json& j, bool in_group) {
    forms::field_def f;
    f.id = r.string(j, "id");
    if (!r.failed() && !valid_id(f.id)) r.fail("id must be lowercase letters, digits and _ (starting with a letter)");
    f.label_vi = r.string(j, "label_vi");
    f.label_en = r.string(j, "label_en");
    std::string kind = r.string(j, "kind");
    auto k = forms::kind_from_name(kind);
    if (!r.failed() && !k) r.fail("unknown kind '" + kind + "'");
    if (k) f.kind = *k;
    if (in_group && f.kind == forms::field_kind::group) r.fail("a group cannot hold another group");
    f.required = r.boolean(j, "required", true);
    f.min_length = std::size_t(r.integer(j, "min_length", false, 0, 0, 100000));
    f.max_length = std::size_t(r.integer(j, "max_length", false, f.kind == forms::field_kind::long_text ? 2000 : 200, 1, 100000));
    f.pattern = r.string(j, "pattern", false);
    if (!f.pattern.empty() && !forms::pattern_is_valid(f.pattern)) r.fail("the pattern '" + f.pattern + "' is malformed");
    f.pattern_hint_vi = r.string(j, "pattern_hint_vi", false);
    f.pattern_hint_en = r.string(j, "pattern_hint_en", false);
    f.min = r.number(j, "min");
    f.max = r.number(j, "max");
    f.hint_vi = r.string(j, "hint_vi", false);
    f.hint_en = r.string(j, "hint_en", false);
    f.birth_field = r.string(j, "birth_field", false);
    f.computed = r.string(j, "computed", false);
    if (const json* opts = r.array(j, "options", f.kind == forms::field_kind::choice)) {
        for (const json& o : *opts) {
            if (!o.is_object()) {
                r.fail("each option must be an object");
                break;
            }
            f.options.push_back({r.string(o, "value"), r.string(o, "vi"), r.string(o, "en")});
        }
        if (f.kind == forms::field_kind::choice && f.options.empty()) r.fail("a choice needs options");
    }
    if (const json* cond = r.get(j, "visible_if", false)) {
        if (!cond->is_object()) r.fail("visible_if must be an object {field, equals}");
        else f.visible_if = forms::condition{r.string(*cond, "field"), r.string(*cond, "equals")};
    }
    if (f.kind == forms::field_kind::group) {
        if (const json* subs = r.array(j, "fields", true)) read_fields(r, *subs, f.fields, true);
        f.min_items = std::size_t(r.integer(j, "min_items", false, 0, 0, 1000));
        f.max_items = std::size_t(r.integer(j, "max_items", false, 20, 1, 1000));
    }
    return f;
}

void check_references(reader& r, const forms::form_def& form) {
    auto known = [&](const std::string& id) { return id == "today" || form.find(id) != nullptr; };
    for (const auto& f : form.fields) {
        if (f.visible_if && !form.find(f.visible_if->field))
            r.fail("field " + f.id + ": visible_if names an unknown field '" + f.visible_if->field + "'");
        if (!f.birth_field.empty() && !form.find(f.birth_field))
            r.fail("field " + f.id + ": birth_field names an unknown field '" + f.birth_field + "'");
        if (!f.computed.empty()) {
            auto colon = f.computed.find(':');
            std::string fn = f.computed.substr(0, colon);
            if (colon == std::string::npos || (fn != "date_in_words" && fn != "number_in_words") ||
                !form.find(f.computed.substr(colon + 1)))
                r.fail("field " + f.id + ": computed must be date_in_words:FIELD or number_in_words:FIELD");
        }
    }
    for (const auto& rule : form.rules) {
        if (rule.kind == "required_one_of") {
            for (const auto& id : rule.fields)
                if (!form.find(id)) r.fail("rule " + rule.kind + " names an unknown field '" + id + "'");
        } else if (!form.find(rule.field) || !known(rule.other)) {
            r.fail("rule " + rule.kind + " names an unknown field");
        }
    }
}

forms::form_def read_form(reader& r, const json& j) {
    forms::form_def form;
    form.version = std::uint32_t(r.integer(j, "version", true, 1, 1, 1000000));
    form.title_vi = r.string(j, "title_vi");
    form.title_en = r.string(j, "title_en");
    if (const json* fields = r.array(j, "fields", true)) read_fields(r, *fields, form.fields, false);
    if (const json* rules = r.array(j, "rules", false)) {
        for (std::size_t i = 0; i < rules->size() && !r.failed(); ++i) {
            const json& rj = (*rules)[i];
            r.within("rule " + std::to_string(i + 1), [&] {
                if (!rj.is_object()) return r.fail("must be an object");
                forms::rule rule;
                rule.kind = r.string(rj, "kind");
                static const std::set<std::string> kinds{"date_not_after", "date_not_before", "date_within",
                                                         "required_one_of"};
                if (!r.failed() && !kinds.count(rule.kind)) r.fail("unknown rule kind '" + rule.kind + "'");
                if (rule.kind == "required_one_of") {
                    if (const json* ids = r.array(rj, "fields", true))
                        for (const json& id : *ids)
                            if (id.is_string()) rule.fields.push_back(id.get<std::string>());
                } else {
                    rule.field = r.string(rj, "field");
                    rule.other = r.string(rj, "other");
                }
                rule.days = int(r.integer(rj, "days", false, 0, -100000, 100000));
                std::string level = r.string(rj, "severity", false, "error");
                if (level != "error" && level != "warning") r.fail("severity must be error or warning");
                rule.level = level == "warning" ? forms::severity::warning : forms::severity::error;
                rule.message_vi = r.string(rj, "message_vi");
                rule.message_en = r.string(rj, "message_en");
                form.rules.push_back(std::move(rule));
            });
        }
    }
    if (!r.failed()) check_references(r, form);
    return form;
}

procedure read_procedure(reader& r, const json& j) {
    procedure p;
    p.code = r.string(j, "code");
    p.code_confirmed = r.boolean(j, "code_confirmed", false);
    p.name_vi = r.string(j, "name_vi");
    p.name_en = r.string(j, "name_en");
    p.field_vi = r.string(j, "field_vi");
    p.field_en = r.string(j, "field_en");
    for (auto [key, target] : {std::pair{"level_3tier", &p.level_3tier}, std::pair{"level_2tier", &p.level_2tier}}) {
        std::string s = r.string(j, key);
        auto l = level_from(s);
        if (!r.failed() && !l) r.fail(std::string("field '") + key + "' must be commune, district or province");
        if (l) *target = *l;
    }
    if (p.level_2tier == handling_level::district) r.fail("there are no districts from 1/7/2025: level_2tier cannot be district");
    p.online_level = int(r.integer(j, "online_level", true, 3, 1, 4));
    std::string scope = r.string(j, "online_scope");
    if (!r.failed() && scope != "toan_trinh" && scope != "mot_phan") r.fail("online_scope must be toan_trinh or mot_phan");
    p.whole_process_online = scope == "toan_trinh";
    p.processing_working_days = int(r.integer(j, "processing_working_days", true, 1, 0, 365));
    p.processing_confirmed = r.boolean(j, "processing_confirmed", false);
    p.receiving_agency = r.string(j, "receiving_agency");
    if (!r.failed() && !dossier::is_valid_agency_code(p.receiving_agency))
        r.fail("receiving_agency must look like 000.00.10.H26");
    p.receiving_agency_vi = r.string(j, "receiving_agency_vi");
    p.source = r.string(j, "source", false);
    if (const json* fees = r.array(j, "fees", true))
        for (const json& f : *fees) {
            if (!f.is_object()) return r.fail("each fee must be an object"), p;
            p.fees.push_back({r.string(f, "name_vi"), r.string(f, "name_en"),
                              r.integer(f, "amount_vnd", true, 0, 0, 1000000000000), r.string(f, "note_vi", false),
                              r.string(f, "note_en", false)});
        }
    if (const json* docs = r.array(j, "documents", true))
        for (const json& d : *docs) {
            if (!d.is_object()) return r.fail("each document must be an object"), p;
            p.documents.push_back({r.string(d, "name_vi"), r.string(d, "name_en"), r.boolean(d, "required", true),
                                   int(r.integer(d, "copies", false, 1, 0, 100)), r.string(d, "note_vi", false)});
        }
    if (const json* steps = r.array(j, "linked_steps", false))
        for (const json& s : *steps) {
            if (!s.is_object()) return r.fail("each linked step must be an object"), p;
            p.linked_steps.push_back({r.string(s, "agency_vi"), r.string(s, "agency_en"), r.string(s, "step_vi"),
                                      r.string(s, "step_en"), int(r.integer(s, "working_days", true, 0, 0, 365))});
        }
    if (const json* forms = r.array(j, "forms", true)) {
        for (std::size_t i = 0; i < forms->size() && !r.failed(); ++i)
            r.within("form " + std::to_string(i + 1), [&] {
                if (!(*forms)[i].is_object()) return r.fail("must be an object");
                p.forms.push_back(read_form(r, (*forms)[i]));
                if (p.forms.size() > 1 && p.forms.back().version <= p.forms[p.forms.size() - 2].version)
                    r.fail("form versions must increase");
            });
        if (!r.failed() && p.forms.empty()) r.fail("at least one form is needed");
    }
    return p;
}

// Finds the line of a JSON syntax error through the SAX interface (no exceptions involved).
struct error_position : nlohmann::json_sax<json> {
    std::size_t byte = 0;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
        byte = position;
        return false;
    }
};

std::size_t syntax_error_line(std::string_view text) {
    error_position sax;
    json::sax_parse(text.begin(), text.end(), &sax);
    std::size_t line = 1;
    for (std::size_t i = 0; i + 1 < sax.byte && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

} // namespace

std::string_view level_name(handling_level l) {
    switch (l) {
    case handling_level::commune: return "commune";
    case handling_level::district: return "district";
    case handling_level::province: return "province";
    }
    return "commune";
}

const forms::form_def* procedure::form_version(std::uint32_t v) const {
    for (const auto& f : forms)
        if (f.version == v) return &f;
    return nullptr;
}

const procedure* catalog::find(std::string_view code) const {
    for (const auto& p : procedures_)
        if (p.code == code) return &p;
    return nullptr;
}

result<catalog> parse_catalog(std::string_view text) {
    auto bad = [](const std::string& en, const std::string& vi) {
        return error{"catalog_invalid", "Danh mục thủ tục có lỗi: " + vi, "The procedure catalog is invalid: " + en};
    };
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        std::size_t line = syntax_error_line(text);
        return bad("JSON syntax error at line " + std::to_string(line),
                   "lỗi cú pháp JSON ở dòng " + std::to_string(line));
    }
    if (!j.is_object() || !j.contains("procedures") || !j["procedures"].is_array())
        return bad("the file must be an object with a 'procedures' list", "tệp phải có danh sách 'procedures'");
    std::vector<procedure> out;
    std::set<std::string> codes;
    const json& list = j["procedures"];
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& e = list[i];
        std::string code = e.is_object() && e.contains("code") && e["code"].is_string() ? e["code"].get<std::string>() : "?";
        reader r("entry " + std::to_string(i + 1) + " (" + code + ")");
        if (!e.is_object()) r.fail("must be an object");
        else {
            auto p = read_procedure(r, e);
            if (!r.failed() && !codes.insert(p.code).second) r.fail("the code is used twice");
            if (!r.failed()) out.push_back(std::move(p));
        }
        if (r.failed()) return bad(r.problem(), r.problem());
    }
    return catalog(std::move(out));
}

} // namespace motcua::catalog
