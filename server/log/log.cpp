// JSON-lines logging to stderr. Lines are gathered in a buffer that one background thread writes
// out within 20 ms (warnings and errors at once, and everything at exit): under load, one
// system call carries many lines, and lines from threads never interleave.
#include "server/log/log.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace motcua::server::log {

namespace {

constexpr auto gather_time = std::chrono::milliseconds(20);
constexpr std::size_t write_at_once = 64 * 1024;

class sink {
  public:
    sink() {
        std::thread([this] { run(); }).detach(); // lives as long as the process
        std::atexit([] { instance().flush(); });
    }
    static sink& instance() {
        static sink* s = new sink; // never destroyed: threads may log while the process exits
        return *s;
    }

    void add(const std::string& line, bool now) {
        {
            std::lock_guard lock(m_);
            const bool was_empty = buffer_.empty();
            buffer_ += line;
            now = now || buffer_.size() >= write_at_once;
            if (was_empty && !now) wake_.notify_one();
        }
        if (now) flush();
    }

    void flush() {
        std::lock_guard in_order(writing_); // chunks reach stderr in the order they were taken
        std::string out;
        {
            std::lock_guard lock(m_);
            out.swap(buffer_);
        }
        if (!out.empty()) {
            std::fwrite(out.data(), 1, out.size(), stderr);
            std::fflush(stderr);
        }
    }

  private:
    void run() {
        std::unique_lock lock(m_);
        for (;;) {
            wake_.wait(lock, [&] { return !buffer_.empty(); });
            lock.unlock();
            std::this_thread::sleep_for(gather_time);
            flush();
            lock.lock();
        }
    }

    std::mutex m_, writing_;
    std::condition_variable wake_;
    std::string buffer_;
};

bool plain_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

void append_quoted(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += char(c);
        }
    }
    out += '"';
}

std::string format(std::string_view level, std::string_view event, std::initializer_list<field> fields) {
    using namespace std::chrono;
    const auto ts = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    bool ascii = plain_ascii(event);
    for (const auto& [k, v] : fields) ascii = ascii && plain_ascii(k) && plain_ascii(v);
    std::string line;
    if (ascii) { // the usual case, written directly
        line.reserve(96);
        line += "{\"ts\":";
        line += std::to_string(ts);
        line += ",\"level\":";
        append_quoted(line, level);
        line += ",\"event\":";
        append_quoted(line, event);
        for (const auto& [k, v] : fields) {
            line += ',';
            append_quoted(line, k);
            line += ':';
            append_quoted(line, v);
        }
        line += '}';
    } else { // nlohmann replaces ill-formed UTF-8 with U+FFFD
        nlohmann::ordered_json j;
        j["ts"] = ts;
        j["level"] = level;
        j["event"] = event;
        for (const auto& [k, v] : fields) j[std::string(k)] = v;
        line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    line.push_back('\n');
    return line;
}

void write(std::string_view level, std::string_view event, std::initializer_list<field> fields, bool now) {
    sink::instance().add(format(level, event, fields), now);
}

} // namespace

void info(std::string_view event, std::initializer_list<field> fields) { write("info", event, fields, false); }
void warn(std::string_view event, std::initializer_list<field> fields) { write("warn", event, fields, true); }
void error(std::string_view event, std::initializer_list<field> fields) { write("error", event, fields, true); }
void flush() { sink::instance().flush(); }

} // namespace motcua::server::log
