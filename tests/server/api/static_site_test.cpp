// The web root as a manifest (issue 11): what the index holds and leaves out, and that any path,
// however encoded, is answered with a manifest entry or a 404.
#include "server/api/static_site.hpp"

#include "server/api/api.hpp"
#include "server/config/data_layout.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

using namespace motcua;
namespace fs = std::filesystem;
namespace http = boost::beast::http;

namespace {

struct temp_root {
    fs::path dir;
    temp_root() {
        dir = fs::temp_directory_path() / ("motcua-static-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(std::random_device{}()));
        fs::create_directories(dir / "root");
    }
    ~temp_root() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    void put(const fs::path& rel, const std::string& text) const {
        fs::create_directories((dir / rel).parent_path());
        std::ofstream(dir / rel, std::ios::binary) << text;
    }
    fs::path root() const { return dir / "root"; }
};

// The layout the attack used, and everything else that must never be served.
temp_root attack_layout() {
    temp_root t;
    t.put("root/index.html", "<!doctype html>" + std::string(300, 'i'));
    t.put("root/index.html.gz", "gz-of-index");
    t.put("root/index.html.br", "br-of-index");
    t.put("root/motcua.0123abcd.wasm", std::string(500, 'w'));
    t.put("root/icons/icon.svg", "<svg/>");
    t.put("root/sw.js", "self.x=1");
    t.put("secret.txt", "SECRET");
    t.put("root/server-key", "SECRET-KEY");
    t.put("root/motcua.sqlite", "SECRET-DB");
    t.put("root/motcua.sqlite-wal", "SECRET-WAL");
    t.put("root/.hidden.js", "SECRET-HIDDEN");
    t.put("root/.git/HEAD.txt", "SECRET-GIT");
    t.put("root/with space.js", "SECRET-SPACE");
    t.put("root/back\\slash.js", "SECRET-BACKSLASH");
    t.put("root/orphan.js.gz", "SECRET-ORPHAN");
    fs::create_symlink(t.dir / "secret.txt", t.root() / "link.js");
    fs::create_directory_symlink(t.dir, t.root() / "up");
    return t;
}

server::request get(std::string target, std::string accept_encoding = {}) {
    server::request req{http::verb::get, "/", 11};
    req.target(target);
    if (!accept_encoding.empty()) req.set(http::field::accept_encoding, accept_encoding);
    return req;
}

struct answer {
    unsigned status = 0;
    http::response<http::string_body> res;
};

answer serve(const server::request& req, const server::static_site& site) {
    auto g = server::serve_file(req, &site);
    std::string wire;
    boost::beast::error_code ec;
    while (!g.is_done()) {
        auto buffers = g.prepare(ec);
        REQUIRE(!ec);
        std::size_t n = 0;
        for (const auto& b : buffers) {
            wire.append(static_cast<const char*>(b.data()), b.size());
            n += b.size();
        }
        g.consume(n);
    }
    http::response_parser<http::string_body> p;
    p.eager(true);
    p.skip(req.method() == http::verb::head);
    std::size_t used = 0;
    while (!p.is_done() && used < wire.size()) {
        used += p.put(boost::asio::buffer(wire.data() + used, wire.size() - used), ec);
        if (ec) break;
    }
    REQUIRE(!ec);
    REQUIRE(p.is_done());
    CHECK(used == wire.size());
    answer a;
    a.res = p.release();
    a.status = a.res.result_int();
    return a;
}

} // namespace

TEST_CASE("the index holds the app's files and leaves out links, hidden files, keys, databases and odd names") {
    auto t = attack_layout();
    auto site = server::static_site::index(t.root());
    REQUIRE(site.ok());
    CHECK(site->names() == std::vector<std::string>{"/icons/icon.svg", "/index.html", "/motcua.0123abcd.wasm", "/sw.js"});
    const auto& skipped = site->skipped();
    for (const char* name : {"server-key", "motcua.sqlite", "motcua.sqlite-wal", ".hidden.js", ".git/", "link.js",
                             "up", "with space.js", "back\\slash.js", "orphan.js.gz"})
        CHECK_MESSAGE(std::find(skipped.begin(), skipped.end(), name) != skipped.end(), name);
}

TEST_CASE("issue 11: an empty segment, an absolute path or .. in any encoding names nothing") {
    auto t = attack_layout();
    auto site = server::static_site::index(t.root());
    REQUIRE(site.ok());
    const std::string secret = (t.dir / "secret.txt").string();
    for (std::string path : std::vector<std::string>{"//etc/passwd", "/" + secret, "//" + secret, "/../secret.txt", "/%2e%2e/secret.txt",
                             "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
                             "/%252e%252e/secret.txt", "/up/secret.txt", "/up/root/index.html", "/link.js",
                             "/server-key", "/motcua.sqlite", "/.hidden.js", "/.git/HEAD.txt", "/index.html%00.js",
                             std::string("/index.html\0", 12), "/index.html/", "/./index.html", "/icons//icon.svg",
                             "/icons/../index.html", "/%69ndex.html%", "/%zz", "/" + std::string(5000, 'a') + ".js",
                             "/\xff\xfe.js", "/index.html\xc0\xae", "http://x/index.html", "*", ""}) {
        CAPTURE(path);
        auto a = serve(get(path), *site);
        CHECK(a.status == 404);
        CHECK(a.res.body().find("SECRET") == std::string::npos);
        CHECK(a.res.body().find("root:") == std::string::npos);
    }
    // Decoded once: an encoded name of a real file is that file, and a doubly encoded one is not.
    CHECK(serve(get("/%69ndex.html"), *site).status == 200);
    CHECK(serve(get("/"), *site).status == 200);
    CHECK(serve(get("/index.html?v=2"), *site).status == 200);
}

TEST_CASE("any path is answered with a manifest entry or a 404 (property, 20,000 random paths)") {
    auto t = attack_layout();
    auto site = server::static_site::index(t.root());
    REQUIRE(site.ok());
    std::set<std::string> bodies;
    for (const auto& name : site->names()) {
        const auto* e = site->find(name);
        bodies.insert(e->identity.body);
        if (e->gzip) bodies.insert(e->gzip->body);
        if (e->brotli) bodies.insert(e->brotli->body);
    }
    // Pieces an attacker would combine, and pieces of real names.
    const std::vector<std::string> pieces = {"/", "//", ".", "..", "%2e", "%2E", "%2f", "%5c", "\\", "%00",
                                             std::string(1, '\0'), "%", "%%", "etc", "passwd", "secret.txt",
                                             "server-key", "motcua.sqlite", "up", "link.js", "index.html", "icons",
                                             "icon.svg", "sw.js", ".gz", ".br", "?", "#", "~", "\xc0\xae", "\xff",
                                             "%25", "%69", "motcua.0123abcd.wasm", ".git", ";", " "};
    std::mt19937 rng(11);
    int served = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string path = rng() % 4 ? "/" : "";
        const int n = 1 + int(rng() % 6);
        for (int k = 0; k < n; ++k) path += pieces[rng() % pieces.size()];
        auto a = serve(get(path, rng() % 2 ? "gzip, br" : ""), *site);
        CAPTURE(path);
        if (a.status == 404) continue;
        REQUIRE(a.status == 200);
        ++served;
        CHECK(bodies.count(a.res.body()) == 1);
        // And the path named that entry, decoded once.
        auto decoded = server::percent_decode_once(path.substr(0, path.find('?')));
        REQUIRE(decoded);
        CHECK((*decoded == "/" || site->find(*decoded) != nullptr));
    }
    CHECK(served > 0); // the generator does reach real files
}

TEST_CASE("the copy sent follows Accept-Encoding, with its own strong ETag and Vary") {
    auto t = attack_layout();
    auto site = server::static_site::index(t.root());
    REQUIRE(site.ok());
    auto br = serve(get("/index.html", "gzip, deflate, br"), *site);
    CHECK(br.res[http::field::content_encoding] == "br");
    CHECK(br.res.body() == "br-of-index");
    auto gz = serve(get("/index.html", "gzip"), *site);
    CHECK(gz.res[http::field::content_encoding] == "gzip");
    CHECK(gz.res.body() == "gz-of-index");
    auto plain = serve(get("/index.html"), *site);
    CHECK(plain.res[http::field::content_encoding] == "");
    CHECK(plain.res.body().size() == 315);
    CHECK(serve(get("/index.html", "br;q=0, gzip"), *site).res[http::field::content_encoding] == "gzip");
    CHECK(serve(get("/index.html", "gzip;q=0"), *site).res[http::field::content_encoding] == "");
    CHECK(serve(get("/index.html", "*"), *site).res[http::field::content_encoding] == "br");
    CHECK(serve(get("/index.html", "x-gzip"), *site).res[http::field::content_encoding] == "gzip");
    for (const auto* a : {&br, &gz, &plain}) {
        CHECK(a->res[http::field::vary] == "Accept-Encoding");
        CHECK(a->res[http::field::content_type] == "text/html; charset=utf-8");
        CHECK(a->res[http::field::cache_control] == "no-cache");
        CHECK(a->res["X-Content-Type-Options"] == "nosniff");
    }
    std::set<std::string> tags{std::string(br.res[http::field::etag]), std::string(gz.res[http::field::etag]),
                               std::string(plain.res[http::field::etag])};
    CHECK(tags.size() == 3);
    // A file with no compressed copy is sent as it is whatever the browser takes.
    CHECK(serve(get("/sw.js", "br, gzip"), *site).res[http::field::content_encoding] == "");
}

TEST_CASE("If-None-Match with the copy's ETag answers 304 without a body; content-hashed names are immutable") {
    auto t = attack_layout();
    auto site = server::static_site::index(t.root());
    REQUIRE(site.ok());
    auto first = serve(get("/index.html", "br"), *site);
    auto again = get("/index.html", "br");
    again.set(http::field::if_none_match, std::string("\"other\", ") + std::string(first.res[http::field::etag]));
    auto second = serve(again, *site);
    CHECK(second.status == 304);
    CHECK(second.res.body().empty());
    CHECK(second.res[http::field::etag] == first.res[http::field::etag]);
    // The gzip copy's tag does not validate the brotli copy.
    auto gz = serve(get("/index.html", "gzip"), *site);
    auto cross = get("/index.html", "br");
    cross.set(http::field::if_none_match, std::string(gz.res[http::field::etag]));
    CHECK(serve(cross, *site).status == 200);

    auto wasm = serve(get("/motcua.0123abcd.wasm"), *site);
    CHECK(wasm.res[http::field::cache_control] == "public, max-age=31536000, immutable");
    CHECK(wasm.res[http::field::content_type] == "application/wasm");
    CHECK(serve(get("/sw.js"), *site).res[http::field::cache_control] == "no-cache");
}

TEST_CASE("HEAD says the length of the copy it would send, and sends no body") {
    auto t = attack_layout();
    auto site = server::static_site::index(t.root());
    REQUIRE(site.ok());
    auto req = get("/index.html", "gzip");
    req.method(http::verb::head);
    auto a = serve(req, *site);
    CHECK(a.status == 200);
    CHECK(a.res[http::field::content_length] == "11");
    CHECK(a.res[http::field::content_encoding] == "gzip");
}

TEST_CASE("names: the segment rule, known types, content hashes, decoding once") {
    CHECK(server::servable_name("index.html"));
    CHECK(server::servable_name("icons/icon-192.png"));
    CHECK(server::servable_name("motcua.js.br"));
    CHECK_FALSE(server::servable_name("server-key"));
    CHECK_FALSE(server::servable_name("motcua.sqlite"));
    CHECK_FALSE(server::servable_name(".well-known/x.txt"));
    CHECK_FALSE(server::servable_name("a//b.js"));
    CHECK_FALSE(server::servable_name("/etc/passwd.txt"));
    CHECK_FALSE(server::servable_name("../x.js"));
    CHECK_FALSE(server::servable_name("x.log"));
    CHECK(server::content_hashed_name("motcua.0123abcd.wasm"));
    CHECK(server::content_hashed_name("dir/app.0123456789abcdef.js"));
    CHECK_FALSE(server::content_hashed_name("motcua.wasm"));
    CHECK_FALSE(server::content_hashed_name("motcua.0123ABCD.wasm"));
    CHECK_FALSE(server::content_hashed_name("motcua.0123abc.wasm"));
    CHECK(server::percent_decode_once("/a%2Fb") == std::optional<std::string>("/a/b"));
    CHECK(server::percent_decode_once("/%252e") == std::optional<std::string>("/%2e"));
    CHECK_FALSE(server::percent_decode_once("/%2"));
    CHECK_FALSE(server::percent_decode_once("/%"));
    CHECK_FALSE(server::percent_decode_once("/%g0"));
}

TEST_CASE("a web root beyond the limits refuses to start rather than serve part of it") {
    temp_root t;
    for (int i = 0; i < 5; ++i) t.put("root/f" + std::to_string(i) + ".js", "x");
    server::static_site_limits small;
    small.max_files = 4;
    CHECK_FALSE(server::static_site::index(t.root(), small).ok());
    small.max_files = 10;
    small.max_total_bytes = 3;
    CHECK_FALSE(server::static_site::index(t.root(), small).ok());
    CHECK(server::static_site::index(t.root()).ok());
    CHECK_FALSE(server::static_site::index(t.dir / "missing").ok());
}

TEST_CASE("issue 11: the data folder, key or database may not be inside the web root, nor contain it") {
    temp_root t;
    CHECK(server::keep_apart_from_web_root(t.root(), {t.dir / "data", t.dir / "data" / "server-key"}).ok());
    auto in = server::keep_apart_from_web_root(t.root(), {t.root() / "data"});
    REQUIRE_FALSE(in.ok());
    CHECK(in.err().code == "data_in_web_root");
    CHECK_FALSE(server::keep_apart_from_web_root(t.root(), {t.root()}).ok());
    CHECK_FALSE(server::keep_apart_from_web_root(t.root() / "sub", {t.root()}).ok());
    CHECK_FALSE(server::keep_apart_from_web_root(t.root(), {t.root() / "x" / ".." / "k"}).ok());
    // Through a symlink to the web root, too.
    fs::create_directory_symlink(t.root(), t.dir / "alias");
    CHECK_FALSE(server::keep_apart_from_web_root(t.root(), {t.dir / "alias" / "data"}).ok());
    CHECK(server::keep_apart_from_web_root({}, {t.root()}).ok());
}

TEST_CASE("the data folder is made, or tightened, to its owner alone") {
    temp_root t;
    auto dir = t.dir / "data";
    REQUIRE(server::prepare_data_dir(dir).ok());
    struct stat st {};
    REQUIRE(::stat(dir.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    ::chmod(dir.c_str(), 0755);
    REQUIRE(server::prepare_data_dir(dir).ok());
    REQUIRE(::stat(dir.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
}
