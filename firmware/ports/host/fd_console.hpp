// The serial console on a host file descriptor: a pseudo-terminal (default) or stdin/stdout.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "firmware/supervisor/console.hpp"
#include "firmware/supervisor/error.hpp"

namespace cpy::firmware::host {

/// Reads on its own thread so that Ctrl-C can interrupt running code. Output while no host holds the port open
/// is dropped, as a board drops output without DTR.
class FdConsole : public Console {
 public:
  /// A new pseudo-terminal in raw mode; slave_path() names it.
  static FwResult<std::unique_ptr<FdConsole>> open_pty();
  /// stdin/stdout (raw mode when stdin is a terminal); always connected; end of input stops the board.
  static std::unique_ptr<FdConsole> open_stdio();
  ~FdConsole() override;

  const std::string& slave_path() const { return m_slave_path; }
  /// True once the input reached end of file (stdio only).
  bool input_closed() const { return m_input_closed; }

  void write(std::string_view bytes) override;
  std::optional<char> read(std::chrono::milliseconds timeout) override;
  void flush_input() override;
  bool connected() const override;
  void set_interrupt_handler(std::function<void()> handler) override;

 private:
  enum class Kind { pty, stdio };
  FdConsole(Kind kind, int in_fd, int out_fd, std::string slave_path);
  void reader_loop();
  void deliver(const char* data, std::size_t n);

  Kind m_kind;
  int m_in_fd;
  int m_out_fd;
  std::string m_slave_path;
  std::atomic<bool> m_stop{false};
  std::atomic<bool> m_input_closed{false};
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<char> m_queue;
  std::function<void()> m_interrupt;
  std::mutex m_write_mutex;
  std::thread m_reader;
};

}  // namespace cpy::firmware::host
