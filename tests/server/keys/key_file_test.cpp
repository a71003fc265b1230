// The server key file: made 0600 and whole, tightened if others could read it, refused if torn.
#include "server/keys/key_file.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace motcua;
namespace fs = std::filesystem;

namespace {
unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return unsigned(st.st_mode & 0777);
}
struct temp_dir {
    fs::path dir = fs::temp_directory_path() / ("motcua-key-" + std::to_string(::getpid()));
    temp_dir() { fs::create_directories(dir); }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};
} // namespace

TEST_CASE("issue 11: a new server key file is readable by its owner alone, and the same key is read back") {
    crypto::init();
    temp_dir t;
    ::umask(022); // as a careless shell would leave it: the file must still be 0600
    auto made = server::load_or_create_key(t.dir / "server-key");
    REQUIRE(made.ok());
    CHECK(mode_of(t.dir / "server-key") == 0600);
    CHECK(fs::file_size(t.dir / "server-key") == 32);
    auto again = server::load_or_create_key(t.dir / "server-key");
    REQUIRE(again.ok());
    CHECK(again->pk == made->pk);
}

TEST_CASE("a key file others could read is tightened to 0600 at start") {
    crypto::init();
    temp_dir t;
    REQUIRE(server::load_or_create_key(t.dir / "server-key").ok());
    ::chmod((t.dir / "server-key").c_str(), 0644);
    REQUIRE(server::load_or_create_key(t.dir / "server-key").ok());
    CHECK(mode_of(t.dir / "server-key") == 0600);
}

TEST_CASE("a key file of the wrong size is refused, not used") {
    crypto::init();
    temp_dir t;
    std::ofstream(t.dir / "server-key", std::ios::binary) << "short";
    CHECK_FALSE(server::load_or_create_key(t.dir / "server-key").ok());
}
