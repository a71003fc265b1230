// A real PostgreSQL for the tests: started on first use (tools/lib/postgres.sh, a temporary
// directory, loopback only) and stopped when the test process ends. Each test asks for a fresh
// schema, so tests never see each other's rows. No PostgreSQL means failing tests, not skipped ones.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace motcua::testing {

class postgres_instance {
  public:
    // The process's instance, started on the first call; throws (failing the calling test) when
    // PostgreSQL cannot be started.
    static postgres_instance& get() {
        static postgres_instance instance;
        if (!instance.error_.empty()) throw std::runtime_error(instance.error_);
        return instance;
    }

    // The server's URL (the "postgres" database).
    const std::string& url() const { return url_; }

    // Creates an empty schema t_N and answers a URL whose connections use it (search_path): as
    // separate as a database of its own for the store's tables, and made in a fraction of the
    // time (CREATE DATABASE copies and fsyncs a template).
    std::string fresh_url() {
        std::string name = "t_" + std::to_string(++schemas_);
        run_sql("CREATE SCHEMA " + name);
        return url_ + "?options=-csearch_path%3D" + name;
    }

    // Runs one statement on a database (for tests that reach past the store's interface).
    static void run_sql(const std::string& url, const std::string& sql) {
        PGconn* c = PQconnectdb(url.c_str());
        std::string failure;
        if (PQstatus(c) != CONNECTION_OK) failure = PQerrorMessage(c);
        else {
            PGresult* r = PQexec(c, sql.c_str());
            auto st = PQresultStatus(r);
            if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) failure = PQresultErrorMessage(r);
            PQclear(r);
        }
        PQfinish(c);
        if (!failure.empty()) throw std::runtime_error("PostgreSQL: " + sql + ": " + failure);
    }
    void run_sql(const std::string& sql) { run_sql(url_, sql); }

    postgres_instance(const postgres_instance&) = delete;
    postgres_instance& operator=(const postgres_instance&) = delete;

    ~postgres_instance() {
        if (url_.empty()) return;
        std::string cmd = "bash '" + script_.string() + "' stop '" + dir_.string() + "' >/dev/null 2>&1";
        [[maybe_unused]] int rc = std::system(cmd.c_str());
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

  private:
    postgres_instance() {
        script_ = repo_root() / "tools/lib/postgres.sh";
        if (!std::filesystem::exists(script_)) {
            error_ = "postgres_instance: " + script_.string() + " not found (set MOTCUA_ROOT)";
            return;
        }
        std::random_device rd;
        dir_ = std::filesystem::temp_directory_path() /
               ("motcua-pg-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 100000));
        std::filesystem::create_directories(dir_);
        // --watch: the server goes away with this process even if it dies without the destructor.
        std::string cmd = "bash '" + script_.string() + "' start '" + dir_.string() + "' --watch " +
                          std::to_string(::getpid()) + " 2>'" + dir_.string() + "/start.log'";
        FILE* out = ::popen(cmd.c_str(), "r");
        std::string text;
        if (out) {
            char buf[512];
            while (std::fgets(buf, sizeof buf, out)) text += buf;
            if (::pclose(out) != 0) text.clear();
        }
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        if (text.rfind("postgresql://", 0) != 0) {
            std::ifstream log(dir_ / "start.log");
            std::stringstream ss;
            ss << log.rdbuf();
            error_ = "postgres_instance: could not start PostgreSQL with " + script_.string() + ": " + ss.str();
            return;
        }
        url_ = text;
    }

    static std::filesystem::path repo_root() {
        if (const char* root = std::getenv("MOTCUA_ROOT"); root && *root) return root;
        // tests/support/postgres_instance.hpp → the repository root
        return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
    }

    std::filesystem::path script_;
    std::filesystem::path dir_;
    std::string url_;
    std::string error_;
    std::atomic<int> schemas_{0};
};

} // namespace motcua::testing
