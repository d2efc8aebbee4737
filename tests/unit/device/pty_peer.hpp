// A scripted board on the far side of a pseudo-terminal pair, speaking the raw-REPL bytes of
// device-protocol.md §2.5-2.6, for the raw-REPL client's unit tests.
#pragma once

#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace cpy::test {

enum class PastePeer { supported, refused, unknown };

class PtyPeer {
 public:
  explicit PtyPeer(PastePeer paste = PastePeer::supported) : m_paste(paste) {
    int& slave = m_slave;  // kept open: a master whose slave is closed reads EIO until someone opens it
    ::openpty(&m_master, &slave, nullptr, nullptr, nullptr);
    termios tio{};
    ::tcgetattr(slave, &tio);
    ::cfmakeraw(&tio);
    ::tcsetattr(slave, TCSANOW, &tio);
    m_path = ::ttyname(slave);
    m_thread = std::thread([this] { serve(); });
  }
  ~PtyPeer() {
    m_stop = true;
    m_thread.join();
    unplug();
    ::close(m_slave);
  }
  PtyPeer(const PtyPeer&) = delete;
  PtyPeer& operator=(const PtyPeer&) = delete;

  const std::string& path() const { return m_path; }
  /// What the board prints (stdout, traceback) when it receives exactly `code`.
  void script(const std::string& code, std::string out, std::string err = {}) { m_scripts[code] = {out, err}; }
  /// Text printed before the raw banner when the raw REPL is entered (repl.py output, a status-bar title).
  std::string before_banner;
  /// The soft-reboot line as a localised build prints it.
  std::string soft_reboot = "soft reboot";
  /// When the code contains this text, the board prints a little and disappears.
  std::string unplug_on;
  std::atomic<int> credit_violations{0};
  std::atomic<int> pastes{0};
  std::atomic<int> plain_execs{0};
  std::string last_code() {
    std::lock_guard lock(m_mutex);
    return m_last_code;
  }
  void unplug() {
    std::lock_guard lock(m_mutex);
    if (m_master >= 0) ::close(m_master);
    m_master = -1;
  }

 private:
  enum class Mode { friendly, raw, paste };

  void send(const std::string& bytes) {
    std::lock_guard lock(m_mutex);
    if (m_master >= 0) (void)!::write(m_master, bytes.data(), bytes.size());
  }

  void serve() {
    char buffer[4096];
    while (!m_stop) {
      int fd;
      {
        std::lock_guard lock(m_mutex);
        fd = m_master;
      }
      if (fd < 0) return;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0 || !(p.revents & POLLIN)) continue;
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) continue;
      for (ssize_t i = 0; i < n; ++i) on_byte(buffer[i]);
    }
  }

  void on_byte(char c) {
    if (m_mode == Mode::friendly) return friendly(c);
    if (m_mode == Mode::paste) return paste(c);
    raw(c);
  }

  void friendly(char c) {
    if (c == '\x01') {
      m_mode = Mode::raw;
      m_input.clear();
      send("\r\n" + before_banner + "raw REPL; CTRL-B to exit\r\n>");
    } else if (c == '\r' || c == '\x03') {
      send("\r\n>>> ");
    }
  }

  void raw(char c) {
    if (c == '\x01' &&
        m_input ==
            "\x05"
            "A" &&
        m_paste != PastePeer::unknown) {
      m_input.clear();
      if (m_paste == PastePeer::refused) return send(std::string("R\0", 2));
      m_mode = Mode::paste;
      m_credit = 256;
      m_consumed = 0;
      ++pastes;
      return send(std::string("R\x01\x80\x00\x01", 5));
    }
    if (c == '\x01') {
      m_input.clear();
      return send("raw REPL; CTRL-B to exit\r\n>");
    }
    if (c == '\x02') {
      m_mode = Mode::friendly;
      m_input.clear();
      return send("\r\nAdafruit CircuitPython 9.2.8 on 2025-05-28; Pico with rp2040\r\n>>> ");
    }
    if (c == '\x03') return m_input.clear();
    if (c == '\x04' && m_input.empty()) return send("OK\r\n" + soft_reboot + "\r\nraw REPL; CTRL-B to exit\r\n>");
    if (c == '\x04') {
      ++plain_execs;
      send("OK");
      return run();
    }
    m_input += c;
  }

  void paste(char c) {
    if (c == '\x04') {
      send("\x04");
      m_mode = Mode::raw;
      return run();
    }
    m_input += c;
    if (--m_credit < 0) ++credit_violations;
    if (++m_consumed % 128 == 0) {
      m_credit += 128;
      send("\x01");
    }
  }

  void run() {
    const std::string code = m_input;
    m_input.clear();
    {
      std::lock_guard lock(m_mutex);
      m_last_code = code;
    }
    if (!unplug_on.empty() && code.find(unplug_on) != std::string::npos) {
      send("partial\r\n");
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the host read it: a hang-up drops it
      return unplug();
    }
    const auto it = m_scripts.find(code);
    const auto reply = it == m_scripts.end() ? std::pair<std::string, std::string>{"", ""} : it->second;
    send(reply.first + "\x04" + reply.second + "\x04>");
  }

  PastePeer m_paste;
  int m_master = -1;
  int m_slave = -1;
  std::atomic<bool> m_stop{false};
  std::string m_path;
  std::thread m_thread;
  std::mutex m_mutex;
  Mode m_mode = Mode::friendly;
  std::string m_input;
  std::string m_last_code;
  int m_credit = 0;
  int m_consumed = 0;
  std::map<std::string, std::pair<std::string, std::string>> m_scripts;
};

}  // namespace cpy::test
