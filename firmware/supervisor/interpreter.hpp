// The narrow interface the supervisor drives: one Python VM that can be restarted, fed code and interrupted.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cpy::firmware {

class BoardServices;
class ModuleFinder;

/// How a run of Python code ended, as far as the supervisor cares.
enum class RunOutcome {
  ok,
  exception,           ///< an uncaught exception; RunResult::traceback holds its text
  keyboard_interrupt,  ///< Ctrl-C; the traceback text ends in "KeyboardInterrupt: "
  interrupted_reload,  ///< stopped by request_interrupt(InterruptKind::reload), nothing printed
  reload,              ///< supervisor.reload() was called: re-run now
  system_exit,         ///< SystemExit (sys.exit())
  hard_reset,          ///< microcontroller.reset(): the port does a hard boot
};

struct RunResult {
  RunOutcome outcome = RunOutcome::ok;
  /// The traceback as the VM prints it ("Traceback (most recent call last):\n ..."), LF line endings.
  std::string traceback;
  /// For the status bar: the exception's class name and where it was raised ("" / 0 when unknown).
  std::string exception_name;
  std::string file;
  int line = 0;
};

/// How source text is compiled: a whole file, or one REPL input whose expression values are echoed.
enum class InputKind { file, single };

enum class InterruptKind { keyboard, reload };

/// Where a fresh VM's modules come from and how big it is.
struct VmConfig {
  std::size_t heap_bytes = 192 * 1024;
  /// `sys.path` in order; entries are rooted at the drive ("/lib"), ".frozen" names the frozen modules.
  std::vector<std::string> sys_path;
  /// os.uname(): sysname, nodename, release, version, machine.
  std::vector<std::string> uname;
};

/// Receives the bytes the VM prints (print(), sys.stdout.write, REPL echo), LF line endings.
using OutputSink = std::function<void(std::string_view)>;

class Interpreter {
 public:
  virtual ~Interpreter() = default;

  /// Wires the pieces that live outside the VM. Called once, before the first start().
  /// `finder` resolves imports (drive, frozen modules); `services` backs board, digitalio, microcontroller,
  /// supervisor, time, os and storage; `output` receives everything the VM prints.
  virtual void attach(ModuleFinder& finder, BoardServices& services, OutputSink output) = 0;

  /// Starts a fresh VM (a soft reboot): new heap, empty sys.modules, sys.path from `config`.
  virtual void start(const VmConfig& config) = 0;
  /// Ends the VM; the supervisor resets pins afterwards.
  virtual void stop() = 0;

  /// Compiles and runs `source` as the module `__main__` with `name` as its file name (code.py, boot.py,
  /// "<stdin>" for REPL input). `kind == single` echoes the repr of expression statements.
  virtual RunResult run_source(std::string_view source, std::string_view name, InputKind kind) = 0;
  /// Runs a compiled module (.mpy bytes) as `__main__`.
  virtual RunResult run_mpy(std::string_view mpy_bytes, std::string_view name) = 0;

  /// True when `source` is a complete REPL input; false when it needs a continuation line ("... ").
  virtual bool is_complete_input(std::string_view source) = 0;

  /// Asks the running code to stop at the next opportunity. Safe to call from any thread.
  virtual void request_interrupt(InterruptKind kind) = 0;

  /// Names of the built-in modules (for help('modules')), sorted or not.
  virtual std::vector<std::string> builtin_module_names() const = 0;
};

}  // namespace cpy::firmware
