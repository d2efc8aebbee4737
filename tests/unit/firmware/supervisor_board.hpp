// A supervisor on the fakes (memory drive, scripted console, fake interpreter), run on its own thread until the
// fixture is destroyed: the board the supervisor and safe-mode tests drive.
#pragma once

#include <chrono>
#include <memory>
#include <thread>

#include "firmware/supervisor/supervisor.hpp"
#include "supervisor_fakes.hpp"

namespace cpy::firmware::testing {

inline BoardIdentity test_identity() {
  BoardIdentity id;
  id.version_tag = version_tag_for("0.1.0");
  id.build_date = "2026-01-01";
  id.board_name = "Test Board";
  id.mcu_name = "host";
  id.board_id = "test_board";
  id.uid = {0xDE, 0xAD, 0xBE, 0xEF};
  return id;
}

struct SupervisedBoard {
  MemoryDrive drive;
  FrozenImage frozen;
  ScriptedConsole console;
  FakeInterpreter interpreter;
  ScaledClock clock{1.0};
  VirtualPins pins{virtual_board_definition(), clock, nullptr};
  ModuleFinder finder{drive, frozen};
  BoardServices services{test_identity(), drive, finder, clock, pins};
  std::unique_ptr<Supervisor> supervisor;
  std::thread thread;

  SupervisedBoard() = default;
  SupervisedBoard(const SupervisedBoard&) = delete;
  SupervisedBoard& operator=(const SupervisedBoard&) = delete;
  /// Starts the supervisor with a short auto-reload delay and `config`'s other settings.
  void start_with(SupervisorConfig config) {
    config.autoreload_delay = std::chrono::milliseconds(100);
    supervisor = std::make_unique<Supervisor>(console, interpreter, services, finder, config);
    thread = std::thread([this] { supervisor->run(); });
  }
  ~SupervisedBoard() {
    if (supervisor) supervisor->stop();
    if (thread.joinable()) thread.join();
  }
};

}  // namespace cpy::firmware::testing
