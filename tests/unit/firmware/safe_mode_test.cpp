// Safe mode on the virtual board: how it is entered, what the console shows, and what does not run.
#include <doctest/doctest.h>

#include <algorithm>
#include <thread>

#include "supervisor_board.hpp"

using namespace cpy::firmware;
using namespace cpy::firmware::testing;
using namespace std::chrono_literals;

namespace {

const std::string k_lc = "\x1b[2K\x1b[0G";
const std::string k_press_any_key = "\r\nPress any key to enter the REPL. Use CTRL-D to reload.\r\n";
const std::string k_safe_status = "Auto-reload is off.\r\nRunning in safe mode! Not running saved code.\r\n";

std::string safe_block(const std::string& reason) {
  return "\r\nYou are in safe mode because:\r\n" + reason + "\r\nPress reset to exit safe mode.\r\n";
}

struct SafeBoard : SupervisedBoard {
  SafeBoard() {
    drive.put("/code.py", "print code ran\n");
    drive.put("/boot.py", "print boot ran\n");
  }
  void start(SafeModeReason power_on = SafeModeReason::none) {
    SupervisorConfig config;
    config.power_on_safe_mode = power_on;
    start_with(config);
  }
  int runs_of(const std::string& name) {
    std::lock_guard lock(interpreter.ran_mutex);
    return static_cast<int>(std::count(interpreter.ran.begin(), interpreter.ran.end(), name));
  }
};

}  // namespace

TEST_CASE("power-on safe mode prints the safe-mode block and runs neither boot.py nor code.py") {
  SafeBoard board;
  board.drive.put("/boot_out.txt", "stale\r\n");
  board.start(SafeModeReason::user);
  CHECK(board.console.take_until(k_press_any_key) ==
        "\r\n" + k_lc + k_safe_status + safe_block("You pressed the reset button during boot.") + k_press_any_key);
  CHECK(board.runs_of("boot.py") == 0);
  CHECK(board.runs_of("code.py") == 0);
  CHECK(board.drive.read("/boot_out.txt") == "stale\r\n");
  CHECK(board.services.safe_mode_reason() == SafeModeReason::user);
  CHECK_FALSE(board.services.autoreload());
}

TEST_CASE("Ctrl-D in safe mode soft reboots into safe mode again") {
  SafeBoard board;
  board.start(SafeModeReason::user);
  board.console.take_until(k_press_any_key);
  board.console.send("\x04");
  CHECK(board.console.take_until(k_press_any_key) == "soft reboot\r\n\r\n" + k_lc + k_safe_status +
                                                         safe_block("You pressed the reset button during boot.") +
                                                         k_press_any_key);
  CHECK(board.runs_of("code.py") == 0);
}

TEST_CASE("the REPL works in safe mode") {
  SafeBoard board;
  board.start(SafeModeReason::user);
  board.console.take_until(k_press_any_key);
  board.console.send(" ");
  board.console.take_until(">>> ");
  board.console.send("1+2\r");
  CHECK(board.console.take_until(">>> ") == "1+2\r\n3\r\n>>> ");
}

TEST_CASE("on_next_reset(SAFE_MODE) then reset() boots into safe mode for the microcontroller module") {
  SafeBoard board;
  board.start();
  board.console.take_until(k_press_any_key);
  CHECK(board.runs_of("code.py") == 1);
  board.console.send(" ");
  board.console.take_until(">>> ");
  board.services.on_next_reset(RunMode::safe_mode);
  board.console.send("reset\r");
  std::string text = board.console.take_until(k_press_any_key);
  CHECK(text.ends_with(k_lc + k_safe_status +
                       safe_block("The `microcontroller` module was used to boot into safe mode.") + k_press_any_key));
  CHECK(board.services.safe_mode_reason() == SafeModeReason::programmatic);
  CHECK(board.runs_of("code.py") == 1);
  CHECK(board.runs_of("boot.py") == 1);
}

TEST_CASE("a reset from safe mode boots normally again") {
  SafeBoard board;
  board.start(SafeModeReason::user);
  board.console.take_until(k_press_any_key);
  board.console.send(" ");
  board.console.take_until(">>> ");
  board.console.send("reset\r");
  CHECK(board.console.take_until(k_press_any_key).find("code.py output:\r\ncode ran\r\n") != std::string::npos);
  CHECK(board.services.safe_mode_reason() == SafeModeReason::none);
  CHECK(board.services.autoreload());
}

TEST_CASE("safemode.py runs for programmatic safe mode but not for the user's") {
  SafeBoard board;
  board.drive.put("/safemode.py", "print safemode ran\n");
  board.start(SafeModeReason::user);
  board.console.take_until(k_press_any_key);
  CHECK(board.runs_of("safemode.py") == 0);
  board.console.send(" ");
  board.console.take_until(">>> ");
  board.services.on_next_reset(RunMode::safe_mode);
  board.console.send("reset\r");
  board.console.take_until(k_press_any_key);
  CHECK(board.runs_of("safemode.py") == 1);
}

TEST_CASE("an error in safemode.py becomes the safe-mode reason") {
  SafeBoard board;
  board.drive.put("/safemode.py", "raise ValueError\n");
  board.start();
  board.console.take_until(k_press_any_key);
  board.console.send(" ");
  board.console.take_until(">>> ");
  board.services.on_next_reset(RunMode::safe_mode);
  board.console.send("reset\r");
  CHECK(board.console.take_until(k_press_any_key).ends_with(safe_block("Error in safemode.py.") + k_press_any_key));
  CHECK(board.services.safe_mode_reason() == SafeModeReason::safemode_py_error);
}

TEST_CASE("drive changes do not reload in safe mode") {
  SafeBoard board;
  board.start(SafeModeReason::user);
  board.console.take_until(k_press_any_key);
  board.supervisor->notify_drive_changed();
  std::this_thread::sleep_for(300ms);
  CHECK(board.console.pending_output().empty());
}
