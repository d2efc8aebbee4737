// The raw-REPL client: known-state entry, plain and raw-paste execution, streaming of stdout, resets.
#include "device/serial/raw_repl.hpp"

#include <cstdio>
#include <thread>

#include "core/log.hpp"
#include "device/serial/console_text.hpp"

namespace cpy::device {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::string_view k_raw_banner = "raw REPL; CTRL-B to exit\r\n>";
constexpr std::string_view k_friendly_prompt = ">>> ";
constexpr std::size_t k_plain_chunk = 256;
constexpr milliseconds k_poll{50};

milliseconds remaining(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? left : milliseconds(0);
}

}  // namespace

std::string describe_bytes(std::string_view bytes, std::size_t limit) {
  std::string out;
  for (unsigned char c : bytes) {
    if (out.size() >= limit) return out + "...";
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "<%02x>", c);
      out += hex;
    }
  }
  return out.empty() ? "nothing" : out;
}

RawRepl::RawRepl(SerialPort& port, PasteMode mode, RawReplTimeouts timeouts)
    : m_port(port), m_mode(mode), m_timeouts(timeouts), m_paste_supported(mode == PasteMode::try_raw_paste) {}

Error RawRepl::unexpected(std::string_view what, std::string_view got) const {
  return make_error(ExitCode::io, std::string(what) + " (" + m_port.path() + "): got " + describe_bytes(got),
                    "press reset on the board or unplug it and plug it in again, then retry");
}

Result<std::string> RawRepl::next_chunk(milliseconds timeout) { return m_port.read(4096, timeout); }

Status RawRepl::drain(milliseconds quiet) {
  const auto deadline = Clock::now() + milliseconds(1500);
  for (;;) {
    CPY_TRY(std::string chunk, next_chunk(quiet));
    if (chunk.empty() || Clock::now() > deadline) return ok_status();
    m_entry_text += chunk;
  }
}

Result<std::string> RawRepl::read_until(std::string_view marker, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (const auto at = m_pending.find(marker); at != std::string::npos) {
      std::string before = m_pending.substr(0, at);
      m_pending.erase(0, at + marker.size());
      return before;
    }
    const auto left = remaining(deadline);
    if (left.count() == 0) return make_error(ExitCode::io, "timeout");
    CPY_TRY(std::string chunk, next_chunk(std::min(left, milliseconds(200))));
    m_pending += chunk;
  }
}

Status RawRepl::enter() {
  m_pending.clear();
  m_entry_text.clear();
  for (int attempt = 0; attempt < 2; ++attempt) {
    // Ctrl-C alone, twice: a running program drops whatever follows an interrupt in the same burst (§2.1).
    CPY_CHECK(m_port.write("\r\x03"));
    std::this_thread::sleep_for(m_timeouts.settle);
    CPY_CHECK(drain(milliseconds(100)));
    CPY_CHECK(m_port.write("\r\x03"));
    CPY_CHECK(drain(milliseconds(100)));
    CPY_CHECK(m_port.write("\r\x01"));
    auto before = read_until(k_raw_banner, m_timeouts.banner);
    if (before) {
      m_entry_text = strip_console_decorations(m_entry_text + *before);
      return ok_status();
    }
    if (before.error().code == ExitCode::no_board) return before.take_error();
    log::info("no raw REPL banner yet from " + m_port.path() + ", retrying");
  }
  return make_error(
      ExitCode::io, "the board did not enter the raw REPL (" + m_port.path() + ")",
      "the port may not be a CircuitPython console; press reset on the board and retry: " + describe_bytes(m_pending));
}

Result<bool> RawRepl::start_raw_paste() {
  CPY_CHECK(
      m_port.write("\x05"
                   "A\x01"));
  const auto deadline = Clock::now() + m_timeouts.reply;
  while (m_pending.size() < 2) {
    if (remaining(deadline).count() == 0) return unexpected("no answer to the raw-paste request", m_pending);
    CPY_TRY(std::string chunk, next_chunk(std::min(remaining(deadline), milliseconds(200))));
    m_pending += chunk;
  }
  const std::string answer = m_pending.substr(0, 2);
  if (answer == "R\x01") {
    m_pending.erase(0, 2);
    return true;
  }
  if (answer == std::string("R\0", 2)) {
    m_pending.erase(0, 2);
    log::info("raw-paste is not supported by the board; using the plain raw REPL");
    return false;
  }
  // Firmware that predates raw-paste took the request as input; Ctrl-A re-printed the raw banner.
  auto skipped = read_until(k_raw_banner, m_timeouts.reply);
  if (!skipped) return unexpected("unexpected answer to the raw-paste request", answer);
  log::info("the board does not know raw-paste; using the plain raw REPL");
  return false;
}

Status RawRepl::send_raw_paste(std::string_view code) {
  while (m_pending.size() < 2) {
    CPY_TRY(std::string chunk, next_chunk(m_timeouts.reply));
    if (chunk.empty()) return unexpected("no raw-paste window size", m_pending);
    m_pending += chunk;
  }
  const auto window = static_cast<std::size_t>(static_cast<unsigned char>(m_pending[0]) |
                                               (static_cast<unsigned char>(m_pending[1]) << 8));
  m_pending.erase(0, 2);
  if (window == 0) return unexpected("raw-paste window of zero bytes", "");
  std::size_t credit = window;
  std::size_t credit_bytes = 0;
  const std::size_t total = code.size();
  while (!code.empty()) {
    // Take every flow-control byte that is already there; block only when out of credit.
    CPY_TRY(std::string chunk, next_chunk(credit == 0 ? m_timeouts.reply : milliseconds(0)));
    if (credit == 0 && chunk.empty() && m_pending.empty()) return unexpected("raw-paste stalled", "");
    m_pending += chunk;
    while (!m_pending.empty()) {
      const char c = m_pending[0];
      m_pending.erase(0, 1);
      if (c == '\x01') {
        credit += window;
        ++credit_bytes;
      } else if (c == '\x04') {
        return m_port.write("\x04");  // the board ended the upload early (a syntax error): acknowledge
      } else {
        return unexpected("unexpected byte during raw-paste", std::string(1, c));
      }
    }
    const std::size_t n = std::min(credit, code.size());
    CPY_CHECK(m_port.write(code.substr(0, n)));
    code.remove_prefix(n);
    credit -= n;
  }
  CPY_CHECK(m_port.write("\x04"));
  log::debug("raw-paste: sent " + std::to_string(total) + " bytes in a window of " + std::to_string(window) + " with " +
             std::to_string(credit_bytes) + " credit bytes");
  auto ack = read_until("\x04", m_timeouts.reply);
  if (!ack) return ack.error().code == ExitCode::no_board ? ack.take_error() : unexpected("no end-of-paste", m_pending);
  return ok_status();
}

Status RawRepl::send_plain(std::string_view code) {
  while (!code.empty()) {
    const std::size_t n = std::min(k_plain_chunk, code.size());
    CPY_CHECK(m_port.write(code.substr(0, n)));
    code.remove_prefix(n);
    if (!code.empty()) std::this_thread::sleep_for(milliseconds(10));  // boards without flow control
  }
  CPY_CHECK(m_port.write("\x04"));
  const auto deadline = Clock::now() + m_timeouts.reply;
  while (m_pending.size() < 2) {
    if (remaining(deadline).count() == 0) return unexpected("the board did not accept the code", m_pending);
    CPY_TRY(std::string chunk, next_chunk(std::min(remaining(deadline), milliseconds(200))));
    m_pending += chunk;
  }
  if (m_pending.compare(0, 2, "OK") != 0) return unexpected("the board did not accept the code", m_pending);
  m_pending.erase(0, 2);
  return ok_status();
}

Status RawRepl::send(std::string_view code) {
  m_last_used_paste = false;
  if (m_paste_supported) {
    CPY_TRY(bool supported, start_raw_paste());
    m_paste_supported = supported;
    m_last_used_paste = supported;
  }
  return m_last_used_paste ? send_raw_paste(code) : send_plain(code);
}

Result<ExecResult> RawRepl::exec(std::string_view code, const OutputSink& sink, const InterruptCheck& interrupted) {
  CPY_CHECK(send(code));
  return follow(sink, interrupted);
}

Result<ExecResult> RawRepl::exec_restarting(std::string_view code) {
  CPY_CHECK(send(code));
  return read_sections({}, {});
}

Result<std::string> RawRepl::read_section(const OutputSink& sink, const InterruptCheck& interrupted,
                                          bool& sent_interrupt) {
  const auto start = Clock::now();
  ConsoleFilter filter;
  std::string text;
  for (;;) {
    const auto end = m_pending.find('\x04');
    const std::string piece = filter.feed(std::string_view(m_pending).substr(0, end));
    if (!piece.empty() && sink) sink(piece);
    text += piece;
    if (end != std::string::npos) {
      m_pending.erase(0, end + 1);
      return text;
    }
    m_pending.clear();
    if (interrupted && !sent_interrupt && interrupted()) {
      CPY_CHECK(m_port.write("\x03"));
      sent_interrupt = true;
    }
    if (m_timeouts.execution.count() > 0 && Clock::now() - start > m_timeouts.execution) {
      if (!sent_interrupt) CPY_CHECK(m_port.write("\x03"));
      return make_error(ExitCode::failure, "the code was still running after " +
                                               std::to_string(m_timeouts.execution.count() / 1000) + " s; interrupted");
    }
    CPY_TRY(std::string chunk, next_chunk(k_poll));
    m_pending += chunk;
  }
}

Result<ExecResult> RawRepl::read_sections(const OutputSink& sink, const InterruptCheck& interrupted) {
  bool sent_interrupt = false;
  ExecResult result;
  CPY_TRY(result.out, read_section(sink, interrupted, sent_interrupt));
  CPY_TRY(result.err, read_section({}, interrupted, sent_interrupt));
  return result;
}

Result<ExecResult> RawRepl::follow(const OutputSink& sink, const InterruptCheck& interrupted) {
  CPY_TRY(ExecResult result, read_sections(sink, interrupted));
  auto prompt = read_until(">", m_timeouts.reply);
  if (!prompt)
    return prompt.error().code == ExitCode::no_board ? prompt.take_error()
                                                     : unexpected("no raw prompt after the run", m_pending);
  return result;
}

Status RawRepl::soft_reset() {
  m_pending.clear();
  CPY_CHECK(m_port.write("\x04"));
  // Wait only for the untranslated raw banner: "soft reboot" is localised (§2.5).
  auto before = read_until(k_raw_banner, m_timeouts.banner);
  if (!before)
    return before.error().code == ExitCode::no_board ? before.take_error()
                                                     : unexpected("no raw REPL after the soft reset", m_pending);
  return ok_status();
}

Status RawRepl::leave() {
  CPY_CHECK(m_port.write("\r\x02"));
  auto before = read_until(k_friendly_prompt, m_timeouts.reply);
  if (!before && before.error().code == ExitCode::no_board) return before.take_error();
  return ok_status();
}

Status RawRepl::leave_and_run_code() {
  CPY_CHECK(leave());
  return m_port.write("\x04");
}

}  // namespace cpy::device
