// The procedure catalog: every public service the app knows, as data a person can read and
// edit (shared/data/catalog/procedures.json), and its loader with clear errors.
#pragma once

#include "shared/core/result.hpp"
#include "shared/forms/form.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::catalog {

// Who handles a procedure: a commune/ward, a district (until 30/6/2025), or a province-level
// department (Sở) or the provincial People's Committee.
enum class handling_level { commune, district, province };
std::string_view level_name(handling_level l);

struct fee {
    std::string name_vi;
    std::string name_en;
    std::int64_t amount_vnd = 0;
    std::string note_vi;
    std::string note_en;
};

struct document {
    std::string name_vi;
    std::string name_en;
    bool required = true;
    int copies = 1;
    std::string note_vi;
};

// One step of a linked procedure (liên thông) handled by another agency.
struct linked_step {
    std::string agency_vi;
    std::string agency_en;
    std::string step_vi;
    std::string step_en;
    int working_days = 0;
};

struct procedure {
    std::string code;            // national procedure code (CSDL quốc gia về TTHC)
    bool code_confirmed = false; // false: taken from public listings, not checked at source
    std::string name_vi;
    std::string name_en;
    std::string field_vi;        // lĩnh vực, e.g. Hộ tịch
    std::string field_en;
    handling_level level_3tier = handling_level::commune; // until 30/6/2025
    handling_level level_2tier = handling_level::commune; // from 1/7/2025
    int online_level = 3;        // Decree 43/2011: 3 or 4
    bool whole_process_online = false; // Decree 42/2022: toàn trình (true) or một phần
    int processing_working_days = 1;
    bool processing_confirmed = false;
    std::vector<fee> fees;
    std::vector<document> documents;
    std::vector<linked_step> linked_steps;
    std::string receiving_agency; // the demo unit's agency code (Circular 10/2016 shape)
    std::string receiving_agency_vi;
    std::vector<forms::form_def> forms; // every version still accepted, oldest first
    std::string source;           // where the facts came from

    const forms::form_def& current_form() const { return forms.back(); }
    const forms::form_def* form_version(std::uint32_t v) const;
};

class catalog {
  public:
    catalog() = default;
    explicit catalog(std::vector<procedure> p) : procedures_(std::move(p)) {}
    const std::vector<procedure>& procedures() const { return procedures_; }
    const procedure* find(std::string_view code) const;

  private:
    std::vector<procedure> procedures_;
};

// Reads the catalog file's text. Errors say where: "procedures.json line 12" for JSON syntax,
// "entry 3 (1.000656), field processing_days: …" for content.
result<catalog> parse_catalog(std::string_view json_text);

// The catalog this build carries (the same file, embedded at build time), for the client and
// for tools when no file is given.
const catalog& builtin();
// Its text, as the server hands it to apps that update their catalog.
std::string_view builtin_json();

} // namespace motcua::catalog
