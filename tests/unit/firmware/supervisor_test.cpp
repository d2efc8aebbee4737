// The supervisor's console behaviour, byte for byte, driven through a fake interpreter and a scripted console.
#include <doctest/doctest.h>

#include <thread>

#include "supervisor_board.hpp"

using namespace cpy::firmware;
using namespace cpy::firmware::testing;
using namespace std::chrono_literals;

namespace {

const std::string k_lc = "\x1b[2K\x1b[0G";
const std::string k_autoreload_on =
    "Auto-reload is on. Simply save files over USB to run them or enter REPL to disable.\r\n";
const std::string k_press_any_key = "\r\nPress any key to enter the REPL. Use CTRL-D to reload.\r\n";
const std::string k_banner = "Adafruit CircuitPython 10.2.0-cpytool.0.1.0 on 2026-01-01; Test Board with host";
const std::string k_raw_banner = "raw REPL; CTRL-B to exit\r\n>";

struct Board : SupervisedBoard {
  explicit Board(std::string code = "print Hello World!\n") {
    if (!code.empty()) drive.put("/code.py", code);
  }
  void start() { start_with({}); }
  std::string first_run() { return console.take_until(k_press_any_key); }
  void enter_repl() {
    first_run();
    console.send(" ");
    console.take_until(">>> ");
  }
  void enter_raw() {
    enter_repl();
    console.send("\x01");
    console.take_until(k_raw_banner);
  }
};

}  // namespace

TEST_CASE("the first run after a hard boot prints the CircuitPython 10.2 transcript with CRLF") {
  Board board;
  board.start();
  CHECK(board.first_run() == "\r\n" + k_lc + k_autoreload_on + k_lc + "code.py output:\r\nHello World!\r\n" +
                                 "\r\nCode done running.\r\n" + k_press_any_key);
}

TEST_CASE("code files are tried in the order code.txt, code.py, main.py, main.txt") {
  Board board("");
  board.drive.put("/main.txt", "print from main.txt\n");
  board.drive.put("/main.py", "print from main.py\n");
  board.start();
  CHECK(board.first_run().find("main.py output:\r\nfrom main.py\r\n") != std::string::npos);
  board.drive.put("/code.txt", "print from code.txt\n");
  board.console.send("\x04");
  std::string second = board.console.take_until(k_press_any_key);
  CHECK(second.starts_with("soft reboot\r\n\r\n"));
  CHECK(second.find("code.txt output:\r\nfrom code.txt\r\n") != std::string::npos);
}

TEST_CASE("without any code file the board still says Code done running") {
  Board board("");
  board.start();
  CHECK(board.first_run() == "\r\n" + k_lc + k_autoreload_on + "\r\nCode done running.\r\n" + k_press_any_key);
}

TEST_CASE("an exception in code.py prints its traceback before Code done running") {
  Board board("print a\nraise NameError\n");
  board.start();
  CHECK(board.first_run().find("a\r\nTraceback (most recent call last):\r\n  File \"code.py\", line 2, in "
                               "<module>\r\nNameError: \r\n\r\nCode done running.\r\n") != std::string::npos);
}

TEST_CASE("boot_out.txt has the identity lines with CRLF and is rewritten only when it changes") {
  Board board;
  board.start();
  board.first_run();
  CHECK(board.drive.files["/boot_out.txt"] == k_banner + "\r\nBoard ID:test_board\r\nUID:DEADBEEF\r\n");
  CHECK(board.drive.write_count["/boot_out.txt"] == 1);
  board.console.send("\x04");  // a soft reboot never writes it
  board.console.take_until(k_press_any_key);
  CHECK(board.drive.write_count["/boot_out.txt"] == 1);
}

TEST_CASE("boot.py runs only at hard boot and its output goes into boot_out.txt, not the console") {
  Board board;
  board.drive.put("/boot.py", "print booting\n");
  board.start();
  std::string first = board.first_run();
  CHECK(first.find("booting") == std::string::npos);
  CHECK(board.drive.files["/boot_out.txt"].ends_with("UID:DEADBEEF\r\nboot.py output:\r\nbooting\r\n"));
  board.console.send("\x04");
  board.console.take_until(k_press_any_key);
  std::lock_guard lock(board.interpreter.ran_mutex);
  CHECK(std::count(board.interpreter.ran.begin(), board.interpreter.ran.end(), "boot.py") == 1);
}

TEST_CASE("boot_out.txt is capped at 512 bytes with the truncation note") {
  std::string long_output(600, 'x');
  std::string text = boot_out_text(test_identity(), true, long_output);
  CHECK(text.size() == 512 + std::string("[truncated due to length]\r\n").size());
  CHECK(text.ends_with("xx[truncated due to length]\r\n"));
}

TEST_CASE("any key enters the friendly REPL; the key is consumed") {
  Board board;
  board.start();
  board.first_run();
  board.console.send("x");
  CHECK(board.console.take_until(">>> ") == "\r\n" + k_banner + "\r\n>>> ");
  board.console.send("1+2\r");
  CHECK(board.console.take_until(">>> ") == "1+2\r\n3\r\n>>> ");
}

TEST_CASE("Ctrl-D at the press-any-key prompt soft reboots and runs code.py again") {
  Board board;
  board.start();
  board.first_run();
  board.console.send("\x04");
  CHECK(board.console.take_until(k_press_any_key) == "soft reboot\r\n\r\n" + k_lc + k_autoreload_on + k_lc +
                                                         "code.py output:\r\nHello World!\r\n\r\nCode done "
                                                         "running.\r\n" +
                                                         k_press_any_key);
}

TEST_CASE("friendly REPL control keys on an empty line") {
  Board board;
  board.start();
  board.enter_repl();
  SUBCASE("Ctrl-C prints a new prompt") {
    board.console.send("\x03");
    CHECK(board.console.take_until(">>> ") == "\r\n>>> ");
  }
  SUBCASE("Ctrl-B prints the banner again in the same VM") {
    int starts = board.interpreter.starts;
    board.console.send("\x02");
    CHECK(board.console.take_until(">>> ") == "\r\n\r\n" + k_banner + "\r\n>>> ");
    CHECK(board.interpreter.starts == starts);
  }
  SUBCASE("Ctrl-A restarts the VM into the raw REPL") {
    int starts = board.interpreter.starts;
    board.console.send("\x01");
    CHECK(board.console.take_until(">") == "\r\n" + k_raw_banner);
    CHECK(board.interpreter.starts == starts + 1);
  }
  SUBCASE("Ctrl-D soft reboots into code.py") {
    board.console.send("\x04");
    std::string out = board.console.take_until(k_press_any_key);
    CHECK(out.starts_with("\r\nsoft reboot\r\n\r\n"));
    CHECK(out.find("code.py output:") != std::string::npos);
  }
  SUBCASE("Ctrl-C on a typed line cancels it") {
    board.console.send("abc\x03");
    CHECK(board.console.take_until(">>> ") == "abc\r\n>>> ");
  }
}

TEST_CASE("compound statements continue with ... and auto-indent until a blank line") {
  Board board;
  board.start();
  board.enter_repl();
  board.console.send("for i in x:\r");
  CHECK(board.console.take_until("...     ") == "for i in x:\r\n...     ");
  board.console.send("print(i)\r");
  CHECK(board.console.take_until("...     ") == "print(i)\r\n...     ");
  board.console.send("\r");
  CHECK(board.console.take_until(">>> ") == "\r\n>>> ");
  std::lock_guard lock(board.interpreter.ran_mutex);
  CHECK(board.interpreter.ran.back() == "<stdin>");
}

TEST_CASE("backspace erases the last character on the terminal as MicroPython's readline does") {
  Board board;
  board.start();
  board.enter_repl();
  board.console.send("12\x7f");
  CHECK(board.console.take_until("\b\x1b[K") == "12\b\x1b[K");
}

TEST_CASE("paste mode echoes lines with === and runs the buffer on Ctrl-D") {
  Board board;
  board.start();
  board.enter_repl();
  board.console.send("\x05");
  CHECK(board.console.take_until("=== ") == "\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
  board.console.send("print one\rprint two\r\x04");
  CHECK(board.console.take_until(">>> ") == "print one\r\n=== print two\r\n=== \r\none\r\ntwo\r\n>>> ");
}

TEST_CASE("paste mode is cancelled by Ctrl-C") {
  Board board;
  board.start();
  board.enter_repl();
  board.console.send("\x05print one\x03");
  CHECK(board.console.take_until(">>> ").ends_with("=== print one\r\n>>> "));
}

TEST_CASE("raw REPL frames output and errors with OK and \\x04") {
  Board board;
  board.start();
  board.enter_raw();
  board.console.send("print hi\x04");
  CHECK(board.console.take_until(">") == "OKhi\r\n\x04\x04>");
  board.console.send("raise ValueError\x04");
  CHECK(board.console.take_until("\x04>") ==
        "OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nValueError: "
        "\r\n\x04>");
}

TEST_CASE("raw REPL Ctrl-C clears the buffer and Ctrl-A reprints the banner") {
  Board board;
  board.start();
  board.enter_raw();
  board.console.send("print lost\x03print kept\x04");
  CHECK(board.console.take_until(">") == "OKkept\r\n\x04\x04>");
  board.console.send("\x01");
  CHECK(board.console.take_until(">") == k_raw_banner);
}

TEST_CASE("Ctrl-D on an empty raw REPL soft reboots without running code.py") {
  Board board;
  board.start();
  board.enter_raw();
  std::size_t runs_before;
  {
    std::lock_guard lock(board.interpreter.ran_mutex);
    runs_before = board.interpreter.ran.size();
  }
  board.console.send("\x04");
  CHECK(board.console.take_until(">") == "OK\r\nsoft reboot\r\n" + k_raw_banner);
  std::this_thread::sleep_for(50ms);
  std::lock_guard lock(board.interpreter.ran_mutex);
  CHECK(board.interpreter.ran.size() == runs_before);
}

TEST_CASE("sys.exit() in the raw REPL soft reboots back into raw mode") {
  Board board;
  board.start();
  board.enter_raw();
  board.console.send("exit\x04");
  CHECK(board.console.take_until(">") == "OK\x04\x04soft reboot\r\n" + k_raw_banner);
}

TEST_CASE("Ctrl-B leaves the raw REPL for the friendly banner; Ctrl-D there runs code.py") {
  Board board;
  board.start();
  board.enter_raw();
  board.console.send("\x02");
  CHECK(board.console.take_until(">>> ") == "\r\n\r\n" + k_banner + "\r\n>>> ");
  board.console.send("\x04");
  CHECK(board.console.take_until(k_press_any_key).find("code.py output:\r\nHello World!") != std::string::npos);
}

TEST_CASE("raw-paste mode announces a 128-byte window and sends one credit byte per 128 bytes consumed") {
  Board board;
  board.start();
  board.enter_raw();
  board.console.send(
      std::string_view("\x05"
                       "A\x01",
                       3));
  const std::string handshake("R\x01\x80\x00\x01", 5);
  CHECK(board.console.take_until(handshake) == handshake);
  std::string source = "print pasted\n" + std::string(300 - 13, '#');
  board.console.send(source);
  CHECK(board.console.take_until(std::string_view("\x01\x01", 2)) == std::string("\x01\x01"));
  board.console.send("\x04");
  CHECK(board.console.take_until(">") == "\x04pasted\r\n\x04\x04>");
}

TEST_CASE("raw-paste requests other than A are answered R\\x00") {
  Board board;
  board.start();
  board.enter_raw();
  board.console.send(
      std::string_view("\x05"
                       "B\x01",
                       3));
  CHECK(board.console.take_until(std::string_view("\x00", 1)) == std::string("R\x00", 2));
}

TEST_CASE("Ctrl-C interrupts running code with KeyboardInterrupt") {
  Board board("print start\nwait\n");
  board.start();
  board.console.take_until("start\r\n");
  board.console.send("\x03");
  CHECK(board.console.take_until(k_press_any_key)
            .ends_with("KeyboardInterrupt: \r\n\r\nCode done running.\r\n" + k_press_any_key));
}

TEST_CASE("a drive change stops code.py and re-runs it after the quiet period") {
  Board board("print start\nwait\n");
  board.start();
  board.console.take_until("start\r\n");
  board.supervisor->notify_drive_changed();
  CHECK(board.console.take_until("soft reboot\r\n") ==
        "\r\nCode stopped by auto-reload. Reloading soon.\r\nsoft reboot\r\n");
  CHECK(board.console.take_until("start\r\n").find("code.py output:") != std::string::npos);
  CHECK(board.services.run_reason() == RunReason::autoreload);
}

TEST_CASE("a drive change while waiting for a key reloads") {
  Board board;
  board.start();
  board.first_run();
  board.supervisor->notify_drive_changed();
  CHECK(board.console.take_until(k_press_any_key).starts_with("soft reboot\r\n"));
}

TEST_CASE("auto-reload is suspended in the REPL and when disabled") {
  Board board;
  board.start();
  board.enter_repl();
  board.supervisor->notify_drive_changed();
  std::this_thread::sleep_for(250ms);
  CHECK(board.console.pending_output().empty());
  board.console.send("1+1\r");
  CHECK(board.console.take_until(">>> ") == "1+1\r\n2\r\n>>> ");
}

TEST_CASE("with auto-reload off the transcript says so and changes are ignored") {
  Board board("print x\nwait\n");
  board.services.set_autoreload(false);
  board.start();
  // A hard boot turns auto-reload back on, as on a real board.
  CHECK(board.console.take_until("x\r\n").find(k_autoreload_on) != std::string::npos);
  board.services.set_autoreload(false);
  board.supervisor->notify_drive_changed();
  std::this_thread::sleep_for(200ms);
  CHECK(board.console.pending_output().empty());
  board.console.send("\x03");
  board.console.take_until(k_press_any_key);
  board.console.send("\x04");
  CHECK(board.console.take_until("code.py output").find("Auto-reload is off.\r\n") != std::string::npos);
}

TEST_CASE("supervisor.reload() re-runs at once and microcontroller.reset() boots again") {
  Board board("reset\n");
  board.drive.put("/boot.py", "print b\n");
  board.start();
  board.console.take_until("code.py output:\r\n");
  board.console.take_until("code.py output:\r\n");
  std::lock_guard lock(board.interpreter.ran_mutex);
  CHECK(std::count(board.interpreter.ran.begin(), board.interpreter.ran.end(), "boot.py") >= 2);
}

TEST_CASE("without a host on the port the prompt waits until one connects, Auto-reload line first") {
  Board board;
  board.console.is_connected = false;
  board.start();
  std::this_thread::sleep_for(100ms);
  CHECK(board.console.pending_output().empty());
  board.console.is_connected = true;
  CHECK(board.console.take_until(k_press_any_key) == k_lc + k_autoreload_on + k_press_any_key);
}

TEST_CASE("pins are reset when the VM ends") {
  Board board("print x\n");
  int led = *board.pins.definition().find_board_pin("LED");
  REQUIRE(board.pins.claim(led));
  board.start();
  board.first_run();
  CHECK_FALSE(board.pins.state(led).in_use);
}
