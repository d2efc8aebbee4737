// The raw-REPL client against a scripted board on a pseudo-terminal.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>

#include "device/serial/port.hpp"
#include "device/serial/raw_repl.hpp"
#include "pty_peer.hpp"

using namespace cpy;
using namespace cpy::device;

namespace {

RawReplTimeouts fast() {
  RawReplTimeouts t;
  t.banner = std::chrono::milliseconds(1500);
  t.reply = std::chrono::milliseconds(1500);
  t.settle = std::chrono::milliseconds(20);
  return t;
}

std::unique_ptr<SerialPort> open(const test::PtyPeer& peer) {
  auto port = open_serial_port(peer.path());
  REQUIRE(port.ok());
  return std::move(*port);
}

}  // namespace

TEST_CASE("raw REPL entry skips repl.py output and a status-bar title before the banner") {
  test::PtyPeer peer;
  peer.before_banner = "\x1b]0;\xf0\x9f\x90\x8d REPL | 9.2.8\x1b\\repl.py output:\r\nhello\r\n";
  auto port = open(peer);
  RawRepl repl(*port, PasteMode::try_raw_paste, fast());
  REQUIRE(repl.enter().ok());
  CHECK(repl.entry_text().find("repl.py output:") != std::string::npos);
  CHECK(repl.entry_text().find("\x1b]0;") == std::string::npos);
}

TEST_CASE("exec keeps stdout and the traceback apart and streams stdout") {
  test::PtyPeer peer;
  peer.script("1/0\n", "before\r\n", "Traceback (most recent call last):\r\nZeroDivisionError: division by zero\r\n");
  auto port = open(peer);
  RawRepl repl(*port, PasteMode::try_raw_paste, fast());
  REQUIRE(repl.enter().ok());
  std::string streamed;
  auto result = repl.exec("1/0\n", [&](std::string_view s) { streamed += s; });
  REQUIRE(result.ok());
  CHECK(result->out == "before\r\n");
  CHECK(streamed == "before\r\n");
  CHECK(result->raised());
  CHECK(result->err.find("ZeroDivisionError") != std::string::npos);
  CHECK(repl.used_raw_paste());
}

TEST_CASE("raw-paste never sends beyond the window the board granted, even for a large program") {
  test::PtyPeer peer;
  std::string big;
  for (int i = 0; i < 600; ++i) big += "x" + std::to_string(i) + " = " + std::to_string(i * 7) + "\n";
  REQUIRE(big.size() > 5000);
  peer.script(big, "done\r\n");
  auto port = open(peer);
  RawRepl repl(*port, PasteMode::try_raw_paste, fast());
  REQUIRE(repl.enter().ok());
  auto result = repl.exec(big);
  REQUIRE(result.ok());
  CHECK(result->out == "done\r\n");
  CHECK(peer.last_code() == big);
  CHECK(peer.pastes == 1);
  CHECK(peer.credit_violations == 0);
}

TEST_CASE("a board that refuses raw-paste (R\\x00) gets the plain raw REPL") {
  test::PtyPeer peer(test::PastePeer::refused);
  peer.script("print(2)\n", "2\r\n");
  auto port = open(peer);
  RawRepl repl(*port, PasteMode::try_raw_paste, fast());
  REQUIRE(repl.enter().ok());
  auto result = repl.exec("print(2)\n");
  REQUIRE(result.ok());
  CHECK(result->out == "2\r\n");
  CHECK_FALSE(repl.used_raw_paste());
  CHECK(peer.plain_execs == 1);
  auto again = repl.exec("print(2)\n");  // not asked again on this connection
  REQUIRE(again.ok());
  CHECK(peer.plain_execs == 2);
}

TEST_CASE("firmware that predates raw-paste falls back to the plain raw REPL") {
  test::PtyPeer peer(test::PastePeer::unknown);
  peer.script("print(3)\n", "3\r\n");
  auto port = open(peer);
  RawRepl repl(*port, PasteMode::try_raw_paste, fast());
  REQUIRE(repl.enter().ok());
  auto result = repl.exec("print(3)\n");
  REQUIRE(result.ok());
  CHECK(result->out == "3\r\n");
  CHECK_FALSE(repl.used_raw_paste());
}

TEST_CASE("a board unplugged mid-command is reported as gone, not as a hang") {
  test::PtyPeer peer;
  peer.unplug_on = "sleep";
  auto port = open(peer);
  RawRepl repl(*port, PasteMode::try_raw_paste, fast());
  REQUIRE(repl.enter().ok());
  std::string streamed;
  auto result = repl.exec("import time\ntime.sleep(10)\n", [&](std::string_view s) { streamed += s; });
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == ExitCode::no_board);
  CHECK(streamed == "partial\r\n");
}

TEST_CASE("soft reset waits for the raw banner only, so translated firmware works") {
  test::PtyPeer peer;
  peer.soft_reboot = "weicher reboot";
  auto port = open(peer);
  RawRepl repl(*port, PasteMode::try_raw_paste, fast());
  REQUIRE(repl.enter().ok());
  CHECK(repl.soft_reset().ok());
}

TEST_CASE("a port that never shows the raw banner is a clear error") {
  test::PtyPeer peer;
  peer.unplug();  // nobody on the other end: nothing ever answers
  auto port = open_serial_port(peer.path());
  if (!port) {
    CHECK(port.error().code == ExitCode::no_board);
    return;
  }
  RawReplTimeouts t = fast();
  t.banner = std::chrono::milliseconds(200);
  RawRepl repl(**port, PasteMode::try_raw_paste, t);
  auto status = repl.enter();
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message.find(peer.path()) != std::string::npos);
}

TEST_CASE("opening a port that does not exist names it and says no board") {
  auto port = open_serial_port("/dev/cpytool-no-such-port");
  REQUIRE_FALSE(port.ok());
  CHECK(port.error().code == ExitCode::no_board);
  CHECK(port.error().message.find("/dev/cpytool-no-such-port") != std::string::npos);
}

TEST_CASE("an open port is exclusive, and closing it gives the claim up (a pty would keep it)") {
  test::PtyPeer peer;
  auto exclusive = [&] {
    const int fd = ::open(peer.path().c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return errno == EBUSY;  // root may open an exclusive tty anyway, others may not
    int flag = -1;
    const int rc = ::ioctl(fd, TIOCGEXCL, &flag);
    ::close(fd);
    REQUIRE(rc == 0);
    return flag != 0;
  };
  CHECK_FALSE(exclusive());
  {
    auto port = open(peer);
    CHECK(exclusive());
  }
  CHECK_FALSE(exclusive());
}
