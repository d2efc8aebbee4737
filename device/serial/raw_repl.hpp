// The raw-REPL client (device-protocol.md §2.5-2.7): reach a known state, execute code with stdout and the
// traceback kept apart, raw-paste with flow control (falling back when unsupported), interrupts and resets.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "device/serial/port.hpp"

namespace cpy::device {

struct ExecResult {
  std::string out;  // stdout as the board sent it (CRLF line endings)
  std::string err;  // the traceback text; empty when the code did not raise
  bool raised() const { return !err.empty(); }
};

/// Called with each piece of stdout as it arrives.
using OutputSink = std::function<void(std::string_view)>;
/// Polled while waiting for output; when it returns true, Ctrl-C is sent (once) to interrupt the code.
using InterruptCheck = std::function<bool()>;

enum class PasteMode { try_raw_paste, plain_raw };

struct RawReplTimeouts {
  std::chrono::milliseconds banner{5000};  // waiting for "raw REPL; CTRL-B to exit\r\n>"
  std::chrono::milliseconds reply{5000};   // waiting for "OK", the raw-paste answer and prompts
  std::chrono::milliseconds execution{0};  // the whole run of the code; 0 = no limit
  std::chrono::milliseconds settle{200};   // after Ctrl-C, before draining (§2.1: Ctrl-C flushes input)
};

class RawRepl {
 public:
  explicit RawRepl(SerialPort& port, PasteMode mode = PasteMode::try_raw_paste, RawReplTimeouts timeouts = {});

  /// §2.7: interrupt whatever runs, then select the raw REPL and wait for its prompt.
  Status enter();
  /// Runs `code` at the raw prompt; stdout streams to `sink` and is also returned.
  Result<ExecResult> exec(std::string_view code, const OutputSink& sink = {}, const InterruptCheck& interrupted = {});
  /// For code that restarts the board (microcontroller.reset()): returns after the output and traceback sections
  /// without waiting for the raw prompt, which will not come, so what the board prints next is left unread.
  Result<ExecResult> exec_restarting(std::string_view code);
  /// Ctrl-D at the raw prompt: the VM restarts and comes back to raw mode without running code.py.
  Status soft_reset();
  /// Leaves raw mode (Ctrl-B) back to the friendly REPL.
  Status leave();
  /// Leaves raw mode and soft-reboots so that code.py runs (Ctrl-B, then Ctrl-D at the friendly prompt).
  Status leave_and_run_code();

  /// Whether the last exec used raw-paste (false after a fallback).
  bool used_raw_paste() const { return m_last_used_paste; }
  /// Text the board printed before the raw prompt on entry (e.g. repl.py output), decorations removed.
  const std::string& entry_text() const { return m_entry_text; }

 private:
  Status drain(std::chrono::milliseconds quiet);
  Result<std::string> read_until(std::string_view marker, std::chrono::milliseconds timeout);
  Result<bool> start_raw_paste();
  Status send_raw_paste(std::string_view code);
  Status send_plain(std::string_view code);
  Status send(std::string_view code);
  Result<ExecResult> follow(const OutputSink& sink, const InterruptCheck& interrupted);
  Result<ExecResult> read_sections(const OutputSink& sink, const InterruptCheck& interrupted);
  Result<std::string> read_section(const OutputSink& sink, const InterruptCheck& interrupted, bool& sent_interrupt);
  Result<std::string> next_chunk(std::chrono::milliseconds timeout);
  Error unexpected(std::string_view what, std::string_view got) const;

  SerialPort& m_port;
  PasteMode m_mode;
  RawReplTimeouts m_timeouts;
  std::string m_pending;  // bytes read from the port but not consumed yet
  bool m_paste_supported = true;
  bool m_last_used_paste = false;
  std::string m_entry_text;
};

/// A printable form of protocol bytes for error messages ("\x04" shown as <04>), cut to `limit` characters.
std::string describe_bytes(std::string_view bytes, std::size_t limit = 80);

}  // namespace cpy::device
