// The procedures this build knows, with their forms. The walking skeleton carries one, birth
// registration; the data-file catalog of the domain core replaces this table.
#pragma once

#include "shared/forms/form.hpp"

#include <string_view>
#include <vector>

namespace motcua::catalog {

struct procedure {
    std::string_view code;          // national procedure code
    bool code_confirmed = false;    // false: taken from public listings, not checked at source
    std::string_view name_vi;
    std::string_view name_en;
    int processing_working_days = 1;
    std::string_view default_agency; // receiving agency code for this build's demo unit
    std::string_view default_agency_name_vi;
    forms::form_def form;
};

const std::vector<procedure>& procedures();
const procedure* find_procedure(std::string_view code);

} // namespace motcua::catalog
