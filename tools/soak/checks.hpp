// The end-of-run checks: what the server's database holds against what each device holds.
// Each check prints one TAP line ("ok - …" / "not ok - …") with the first few offenders.
#pragma once

#include "client/store/local_store.hpp"
#include "server/store/dossier_store.hpp"
#include "tools/soak/workload.hpp"

#include <map>
#include <string>
#include <vector>

namespace motcua::soak {

class tap {
  public:
    void check(bool ok, const std::string& what, const std::vector<std::string>& why = {});
    int failed() const { return failed_; }
    int passed() const { return passed_; }

  private:
    int failed_ = 0, passed_ = 0;
};

// One device as the checks see it, after its engine stopped.
struct device_view {
    int index = 0;
    crypto::public_key key{};
    client::local_store* store = nullptr;
    std::vector<planned_item> items;
};

// The server's receipts for every planned item, by submission id ("" entries missing).
using receipt_map = std::map<std::string, submission::receipt>;

// Exactly `expected_dossiers` dossiers; every planned submission stored, its signature valid and
// its canonical hash the one the device signed and the receipt names; every attachment complete
// with the listed size and content hash. Fills `receipts`.
void check_server(server::dossier_store& store, const std::vector<device_view>& devices,
                  std::int64_t expected_dossiers, receipt_map& receipts, tap& t);

// Every device holds a received item with a verified receipt, signed by the key it pinned, for
// each of its submissions, equal to the server's; and the feed's entry for each of them.
void check_devices(const std::vector<device_view>& devices, const receipt_map& receipts, tap& t);

// Dossier codes unique, and per agency and day the sequence numbers are exactly 1..N.
void check_codes(const receipt_map& receipts, tap& t, bool require_dense);

} // namespace motcua::soak
