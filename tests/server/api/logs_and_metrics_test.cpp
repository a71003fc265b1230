// What the server writes about people (nothing identifying) and counts (everything it refuses).
#include "server/api/api.hpp"

#include "server/log/log.hpp"
#include "server/metrics/metrics.hpp"
#include "shared/protocol/json_codec.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <unistd.h>

using namespace motcua;

namespace {
// The current form (version 2) asks for the requester's ID number.
submission::submission with_citizen_id(unsigned n, const std::string& id) {
    auto s = testing::signed_birth_registration(n).body;
    s.form_version = 2;
    s.values["requester_id"] = id;
    s.values["requester_relationship"] = "cha";
    s.values["child_ethnicity"] = "Kinh";
    s.values["mother_name"] = "Trần Thị Hoa";
    s.values["mother_birth_year"] = "1995";
    return s;
}

// Captures what the process writes to stderr (where the server's log lines go) while alive.
class stderr_capture {
  public:
    stderr_capture() {
        path_ = std::filesystem::temp_directory_path() / ("motcua-log-" + std::to_string(::getpid()) + ".txt");
        server::log::flush();
        std::fflush(stderr);
        saved_ = ::dup(2);
        std::FILE* f = std::fopen(path_.c_str(), "w");
        ::dup2(::fileno(f), 2);
        std::fclose(f);
    }
    ~stderr_capture() { restore(); std::filesystem::remove(path_); }
    std::string text() {
        restore();
        std::ifstream in(path_);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

  private:
    void restore() {
        if (saved_ < 0) return;
        server::log::flush();
        std::fflush(stderr);
        ::dup2(saved_, 2);
        ::close(saved_);
        saved_ = -1;
    }
    std::filesystem::path path_;
    int saved_ = -1;
};
} // namespace

TEST_CASE("the logs never hold a citizen ID, a name or a typed value, whatever happens to the submission") {
    const std::string citizen_id = "001089012345";
    std::string log;
    {
        testing::loopback_server server;
        auto kp = testing::device_keys(1);
        stderr_capture capture;
        server.register_device(kp);
        auto s = with_citizen_id(1, citizen_id);
        auto ok = submission::sign(s, kp.sk);
        const std::string path = "/v1/submissions/" + to_string(s.id);
        CHECK(server.signed_call(kp, "PUT", path, protocol::to_json(ok)).status == 201);
        CHECK(server.signed_call(kp, "PUT", path, protocol::to_json(ok)).status == 200);
        // Refused ones: a changed retry, a broken form, a bad ID checksum-free shape.
        auto changed = s;
        changed.values["child_name"] = "Nguyễn Thị Khác";
        CHECK(server.signed_call(kp, "PUT", path, protocol::to_json(submission::sign(changed, kp.sk))).status == 409);
        auto broken = with_citizen_id(2, citizen_id);
        broken.values.erase("child_name");
        CHECK(server.signed_call(kp, "PUT", "/v1/submissions/" + to_string(broken.id),
                                 protocol::to_json(submission::sign(broken, kp.sk)))
                  .status == 422);
        log = capture.text();
    }
    REQUIRE_FALSE(log.empty());
    CHECK(log.find(citizen_id) == std::string::npos);
    CHECK(log.find("089012345") == std::string::npos); // nor most of it
    CHECK(log.find("Nguyễn") == std::string::npos);
    CHECK(log.find("Trần Thị Hoa") == std::string::npos);
    CHECK(log.find("Phụ sản") == std::string::npos);
    // Every line is one JSON object: machines read these logs.
    std::istringstream lines(log);
    int n = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        ++n;
        auto j = nlohmann::json::parse(line, nullptr, false);
        CHECK_MESSAGE(j.is_object(), line);
    }
    CHECK(n >= 4);
}

TEST_CASE("metrics count submissions by outcome and refusals by code, in Prometheus text") {
    testing::loopback_server server;
    server::metrics_registry metrics;
    server.context().metrics = &metrics;
    auto kp = testing::device_keys(1);
    server.register_device(kp);
    auto s = testing::signed_birth_registration(1);
    const std::string path = "/v1/submissions/" + to_string(s.body.id);
    server.signed_call(kp, "PUT", path, protocol::to_json(s));
    server.signed_call(kp, "PUT", path, protocol::to_json(s));
    server.call(boost::beast::http::verb::put, path, protocol::to_json(s)); // unsigned
    auto text = server.call(boost::beast::http::verb::get, "/metrics", {}, {});
    CHECK(text.status == 200);
    CHECK(std::string(text.headers["Content-Type"]).starts_with("text/plain; version=0.0.4"));
    CHECK(text.body.find("motcua_submissions_total{outcome=\"created\"} 1") != std::string::npos);
    CHECK(text.body.find("motcua_submissions_total{outcome=\"repeated\"} 1") != std::string::npos);
    CHECK(text.body.find("motcua_refusals_total{code=\"request_unsigned\"} 1") != std::string::npos);
}
