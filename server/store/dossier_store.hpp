// Where the server keeps dossiers: one interface, one file per backend (SQLite now; PostgreSQL
// joins it behind the same interface). A store stores each submission exactly once.
#pragma once

#include "shared/core/date.hpp"
#include "shared/core/result.hpp"
#include "shared/core/uuid.hpp"
#include "shared/submission/receipt.hpp"
#include "shared/submission/submission.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace motcua::server {

enum class put_outcome {
    created,  // a new dossier was made
    repeated, // the same submission again: the first receipt, nothing new stored
    conflict, // the same id with other content: refused, nothing stored
};

struct put_result {
    put_outcome outcome;
    submission::receipt receipt; // empty for conflict
};

// Given the allocated dossier code, makes the signed receipt to store with the dossier.
using receipt_maker = std::function<submission::receipt(const std::string& dossier_code)>;

class dossier_store {
  public:
    virtual ~dossier_store() = default;

    // In one transaction: find the id, or allocate the agency's next sequence number for
    // `received` and insert the dossier with its receipt. The id's uniqueness is a constraint
    // of the database, not a check made beforehand.
    virtual result<put_result> put_submission(const submission::signed_submission& s,
                                              const encoding::bytes& canonical,
                                              civil_date received, const receipt_maker& make) = 0;

    virtual std::optional<submission::receipt> find_receipt(const uuid& id) = 0;
    virtual std::int64_t count_dossiers() = 0;
};

} // namespace motcua::server
