#include "server/store/sqlite_store.hpp"

#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace motcua;
using namespace motcua::server;

namespace {
struct temp_dir {
    std::filesystem::path path;
    temp_dir() {
        path = std::filesystem::temp_directory_path() /
               ("motcua-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(path);
    }
    ~temp_dir() { std::filesystem::remove_all(path); }
    static int& counter() {
        static int c = 0;
        return c;
    }
};

receipt_maker maker_for(const submission::signed_submission& s) {
    return [&s](const std::string& code) {
        submission::receipt r;
        r.submission_id = s.body.id;
        r.dossier_code = code;
        r.agency = s.body.agency;
        r.procedure = s.body.procedure;
        r.received_at = 1795506600;
        r.due_date = "2026-11-25";
        return r;
    };
}
} // namespace

TEST_CASE("sequence numbers count per agency and per day, from 0001") {
    temp_dir dir;
    auto store = sqlite_store::open(dir.path / "db.sqlite");
    REQUIRE(store);
    std::vector<std::string> codes;
    for (unsigned n = 1; n <= 3; ++n) {
        auto s = testing::signed_birth_registration(n);
        auto r = (*store)->put_submission(s, submission::canonical_bytes(s.body), {2026, 11, 24}, maker_for(s));
        REQUIRE(r);
        codes.push_back(r->receipt.dossier_code);
    }
    CHECK(codes == std::vector<std::string>{"000.00.10.H26-261124-0001", "000.00.10.H26-261124-0002",
                                            "000.00.10.H26-261124-0003"});
    auto next_day = testing::signed_birth_registration(4);
    auto r = (*store)->put_submission(next_day, submission::canonical_bytes(next_day.body), {2026, 11, 25},
                                      maker_for(next_day));
    REQUIRE(r);
    CHECK(r->receipt.dossier_code == "000.00.10.H26-261125-0001");
    auto other_agency = testing::signed_birth_registration(5);
    other_agency.body.agency = "000.21.22.H26";
    r = (*store)->put_submission(other_agency, submission::canonical_bytes(other_agency.body), {2026, 11, 24},
                                 maker_for(other_agency));
    REQUIRE(r);
    CHECK(r->receipt.dossier_code == "000.21.22.H26-261124-0001");
}

TEST_CASE("the same submission twice is stored once; changed content under the same id conflicts") {
    temp_dir dir;
    auto store = sqlite_store::open(dir.path / "db.sqlite");
    REQUIRE(store);
    auto s = testing::signed_birth_registration(1);
    auto bytes = submission::canonical_bytes(s.body);
    auto first = (*store)->put_submission(s, bytes, {2026, 11, 24}, maker_for(s));
    auto again = (*store)->put_submission(s, bytes, {2026, 11, 24}, maker_for(s));
    REQUIRE(first);
    REQUIRE(again);
    CHECK(first->outcome == put_outcome::created);
    CHECK(again->outcome == put_outcome::repeated);
    CHECK(again->receipt == first->receipt);
    CHECK((*store)->count_dossiers() == 1);

    auto changed = s;
    changed.body.values["child_name"] = "Trần Văn B";
    auto conflict = (*store)->put_submission(changed, submission::canonical_bytes(changed.body), {2026, 11, 24},
                                             maker_for(changed));
    REQUIRE(conflict);
    CHECK(conflict->outcome == put_outcome::conflict);
    CHECK((*store)->count_dossiers() == 1);
}

TEST_CASE("dossiers and sequence numbers survive closing and reopening the store") {
    temp_dir dir;
    {
        auto store = sqlite_store::open(dir.path / "db.sqlite");
        REQUIRE(store);
        auto s = testing::signed_birth_registration(1);
        REQUIRE((*store)->put_submission(s, submission::canonical_bytes(s.body), {2026, 11, 24}, maker_for(s)));
    }
    auto store = sqlite_store::open(dir.path / "db.sqlite");
    REQUIRE(store);
    CHECK((*store)->count_dossiers() == 1);
    CHECK((*store)->find_receipt(testing::numbered_uuid(1)));
    auto s = testing::signed_birth_registration(2);
    auto r = (*store)->put_submission(s, submission::canonical_bytes(s.body), {2026, 11, 24}, maker_for(s));
    REQUIRE(r);
    CHECK(r->receipt.dossier_code == "000.00.10.H26-261124-0002");
}
