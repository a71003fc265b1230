// Child processes with posix_spawn: no fork of a threaded program, no shell in between.
#include "tools/soak/server_process.hpp"
#include "tools/soak/native_transport.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace motcua::soak {

using namespace std::chrono;

unsigned short free_port() {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

bool wait_healthy(const std::string& host, unsigned short port, milliseconds timeout) {
    auto until = steady_clock::now() + timeout;
    native_transport net({host, port, milliseconds(500), milliseconds(2000), false});
    while (steady_clock::now() < until) {
        if (net.exchange({"GET", "/v1/health", {}, {}}).status == 200) return true;
        std::this_thread::sleep_for(milliseconds(20));
    }
    return false;
}

server_process::server_process(std::string binary, std::vector<std::string> args,
                               std::string log_path, unsigned short port)
    : binary_(std::move(binary)), args_(std::move(args)), log_path_(std::move(log_path)),
      port_(port) {}

server_process::~server_process() {
    stop();
}

status server_process::spawn() {
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0644);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    // Nothing else of ours goes to the child: a socket the proxy resets must not stay open in the
    // server (the RST would never be sent, and the device would wait for its read timeout).
    posix_spawn_file_actions_addclosefrom_np(&files, 3);
    std::vector<char*> argv;
    argv.push_back(binary_.data());
    for (auto& a : args_)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, binary_.c_str(), &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    if (rc != 0)
        return error{"spawn_failed", "Không chạy được " + binary_ + ": " + std::strerror(rc),
                     "Cannot run " + binary_ + ": " + std::strerror(rc)};
    pid_ = pid;
    ++starts_;
    return ok_status();
}

bool server_process::exited() {
    if (pid_ <= 0) return true;
    int st = 0;
    if (waitpid(pid_, &st, WNOHANG) == pid_) {
        pid_ = -1;
        return true;
    }
    return false;
}

status server_process::start(milliseconds timeout) {
    auto until = steady_clock::now() + timeout;
    for (int attempt = 0; attempt < 5 && steady_clock::now() < until; ++attempt) {
        if (auto s = spawn(); !s) return s;
        while (steady_clock::now() < until && !exited()) {
            if (wait_healthy("127.0.0.1", port_, milliseconds(100))) return ok_status();
        }
        if (running()) break;                           // alive but never healthy: give up
        std::this_thread::sleep_for(milliseconds(200)); // died at start: the port may still be held
    }
    return error{"server_not_healthy", "Máy chủ không sẵn sàng (xem " + log_path_ + ")",
                 "The server did not become healthy (see " + log_path_ + ")"};
}

void server_process::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int st = 0;
    waitpid(pid_, &st, 0);
    pid_ = -1;
}

void server_process::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    auto until = steady_clock::now() + seconds(10);
    while (steady_clock::now() < until) {
        if (exited()) return;
        std::this_thread::sleep_for(milliseconds(20));
    }
    kill_hard();
}

} // namespace motcua::soak
