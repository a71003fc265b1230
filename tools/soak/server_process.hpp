// The sync server as a child process the soak test starts, kills with SIGKILL mid-traffic and
// restarts on the same port and data, as a power cut or an OOM kill would.
#pragma once

#include "shared/core/result.hpp"

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace motcua::soak {

// A loopback port that was free a moment ago (the kernel's pick for port 0).
unsigned short free_port();

// GET /v1/health until it answers 200 or the time is up.
bool wait_healthy(const std::string& host, unsigned short port, std::chrono::milliseconds timeout);

class server_process {
  public:
    // `args` without the program name; stdout and stderr are appended to `log_path`.
    server_process(std::string binary, std::vector<std::string> args, std::string log_path,
                   unsigned short port);
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    // Starts the process and waits until /v1/health answers; a start that dies (the port still
    // held, say) is tried again a few times.
    status start(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    void kill_hard(); // SIGKILL, and reap it
    void stop();      // SIGTERM, and SIGKILL after 10 s
    bool running() const { return pid_ > 0; }
    unsigned short port() const { return port_; }
    int starts() const { return starts_; }

  private:
    status spawn();
    bool exited(); // reaps the child if it ended

    std::string binary_;
    std::vector<std::string> args_;
    std::string log_path_;
    unsigned short port_;
    pid_t pid_ = -1;
    int starts_ = 0;
};

} // namespace motcua::soak
