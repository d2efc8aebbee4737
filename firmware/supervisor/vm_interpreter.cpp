// VmInterpreter: compiles with mpycross, runs in a fresh vm::Vm per soft reboot, classifies how runs end, and
// bridges the VM's host services (clock, sleep, file reads for import) to the board.
#include "firmware/supervisor/vm_interpreter.hpp"

#include <atomic>

#include "firmware/supervisor/board_services.hpp"
#include "firmware/supervisor/module_finder.hpp"
#include "firmware/supervisor/repl_input.hpp"
#include "firmware/supervisor/vm_bindings.hpp"
#include "firmware/vm/vm.hpp"
#include "mpycross/compiler.hpp"

namespace cpy::firmware {

namespace {

/// The VM's host services on the board: virtual time, interruptible sleep, imports from the drive and firmware.
class HostBridge : public vm::VmHost {
 public:
  BoardServices* services = nullptr;
  ModuleFinder* finder = nullptr;

  std::uint64_t monotonic_ns() override { return services->clock().now_ns(); }
  void sleep_ns(std::uint64_t ns) override { services->sleep_ns(ns); }
  /// A file on the drive (execfile, os.path.exists); imports go through find_module.
  bool read_file(const std::string& path, std::vector<std::uint8_t>& out) override {
    if (services->drive().kind(path) != EntryKind::file) return false;
    auto bytes = services->drive().read(path);
    if (!bytes) return false;
    out.assign(bytes->begin(), bytes->end());
    return true;
  }
  std::optional<vm::ImportSource> find_module(const std::vector<std::string>& dirs, std::string_view name) override {
    for (const auto& dir : dirs) {
      auto found = finder->find_in(dir, name);
      if (!found) continue;
      vm::ImportSource source;
      source.kind = found->kind == FoundModule::Kind::mpy      ? vm::ImportSource::Kind::mpy
                    : found->kind == FoundModule::Kind::source ? vm::ImportSource::Kind::source
                                                               : vm::ImportSource::Kind::namespace_package;
      source.code.assign(found->code.begin(), found->code.end());
      source.file = std::move(found->file);
      if (found->is_package) source.package_dir = std::move(found->search_path);
      return source;
    }
    return std::nullopt;
  }
};

std::string lf_only(std::string text) {
  std::string out;
  for (char c : text)
    if (c != '\r') out += c;
  return out;
}

}  // namespace

struct VmInterpreter::State {
  ModuleFinder* finder = nullptr;
  BoardServices* services = nullptr;
  OutputSink output;
  HostBridge host;
  std::mutex vm_mutex;  ///< guards `vm` against request_interrupt from other threads
  std::unique_ptr<vm::Vm> vm;
  std::atomic<InterruptKind> interrupt_kind{InterruptKind::keyboard};
  std::string* capture = nullptr;  ///< while set, VM output goes here (a traceback being formatted)

  void write(std::string_view text) {
    if (capture) {
      *capture += text;
    } else if (output) {
      output(text);
    }
  }
  RunResult run_code(const std::vector<std::uint8_t>& bytes, std::string_view name);
  /// One `__main__` per VM (kept in sys.modules), so REPL inputs see the names earlier inputs defined.
  vm::ModuleObj* main_module();
  RunResult classify(vm::Value exc);
};

VmInterpreter::VmInterpreter() : m_state(std::make_unique<State>()) {}
VmInterpreter::~VmInterpreter() = default;

void VmInterpreter::attach(ModuleFinder& finder, BoardServices& services, OutputSink output) {
  m_state->finder = &finder;
  m_state->services = &services;
  m_state->output = std::move(output);
  m_state->host.finder = &finder;
  m_state->host.services = &services;
}

void VmInterpreter::start(const VmConfig& config) {
  vm::VmConfig vm_config;
  vm_config.heap_bytes = config.heap_bytes;
  vm_config.search_paths = config.sys_path;
  if (config.uname.size() == 5)
    vm_config.uname = {config.uname[0], config.uname[1], config.uname[2], config.uname[3], config.uname[4]};
  vm_config.write = [state = m_state.get()](std::string_view text) { state->write(text); };
  auto fresh = std::make_unique<vm::Vm>(std::move(vm_config), &m_state->host);
  register_board_modules(*fresh, *m_state->services);
  std::lock_guard lock(m_state->vm_mutex);
  m_state->vm = std::move(fresh);
}

void VmInterpreter::stop() {
  std::unique_ptr<vm::Vm> old;
  {
    std::lock_guard lock(m_state->vm_mutex);
    old = std::move(m_state->vm);
  }
}

RunResult VmInterpreter::run_source(std::string_view source, std::string_view name, InputKind kind) {
  if (kind == InputKind::single) {
    // The compiler has no "single" mode yet: an input that is one expression is echoed through a helper.
    std::string wrapped = std::string(k_repl_echo_name) + "((" + std::string(source) + "\n))";
    auto echo = mpycross::compile(wrapped, name);
    if (auto* bytes = std::get_if<std::vector<std::uint8_t>>(&echo)) return m_state->run_code(*bytes, name);
  }
  auto compiled = mpycross::compile(source, name);
  if (auto* failure = std::get_if<mpycross::CompileFailure>(&compiled)) {
    RunResult result;
    result.outcome = RunOutcome::exception;
    result.traceback = lf_only(failure->stderr_text);
    result.exception_name =
        failure->kind == mpycross::CompileFailure::Kind::indentation ? "IndentationError" : "SyntaxError";
    result.file = std::string(name);
    result.line = failure->line;
    return result;
  }
  return m_state->run_code(std::get<std::vector<std::uint8_t>>(compiled), name);
}

RunResult VmInterpreter::run_mpy(std::string_view mpy_bytes, std::string_view name) {
  return m_state->run_code(std::vector<std::uint8_t>(mpy_bytes.begin(), mpy_bytes.end()), name);
}

RunResult VmInterpreter::State::run_code(const std::vector<std::uint8_t>& bytes, std::string_view name) {
  volatile char bottom = 0;
  vm->heap().set_stack_bottom(const_cast<const char*>(&bottom) + 256);
  // A Ctrl-C that arrived between runs is dropped; a reload (or stop) requested as the run starts must stay.
  if (interrupt_kind != InterruptKind::reload) {
    try {
      vm->check_interrupt();
    } catch (vm::PyRaise&) {
    }
  }
  try {
    vm::Value code = vm->load_code(bytes, name);
    vm->run_module_code(static_cast<vm::CodeObj*>(code.obj()), main_module());
  } catch (vm::PyRaise& raised) {
    return classify(raised.exc);
  }
  RunResult ok;
  if (services->take_hard_reset_request()) ok.outcome = RunOutcome::hard_reset;
  return ok;
}

vm::ModuleObj* VmInterpreter::State::main_module() {
  vm::Value* existing = vm->dict_find_str(vm->modules_dict(), "__main__");
  if (existing && existing->is_obj() && existing->obj()->kind == vm::Kind::module)
    return static_cast<vm::ModuleObj*>(existing->obj());
  vm::ModuleObj* main = vm->new_module("__main__");
  vm->dict_store_str(vm->modules_dict(), "__main__", vm::Value::object(main));
  return main;
}

RunResult VmInterpreter::State::classify(vm::Value exc) {
  RunResult result;
  if (services->take_hard_reset_request()) {
    result.outcome = RunOutcome::hard_reset;
    return result;
  }
  if (vm->is_instance(exc, vm->e_system_exit)) {
    result.outcome = RunOutcome::system_exit;
    return result;
  }
  if (vm->is_instance(exc, vm->e_reload)) {
    result.outcome = RunOutcome::reload;
    return result;
  }
  bool keyboard = vm->is_instance(exc, vm->e_keyboard_interrupt);
  if (keyboard && interrupt_kind == InterruptKind::reload) {
    result.outcome = RunOutcome::interrupted_reload;
    return result;
  }
  result.outcome = keyboard ? RunOutcome::keyboard_interrupt : RunOutcome::exception;
  result.exception_name = std::string(vm->type_name(exc));
  std::string text;
  capture = &text;
  try {
    vm->print_exception(exc);
  } catch (vm::PyRaise&) {
    text += result.exception_name + "\n";
  }
  capture = nullptr;
  result.traceback = text;
  return result;
}

bool VmInterpreter::is_complete_input(std::string_view source) { return repl_input_complete(source); }

void VmInterpreter::request_interrupt(InterruptKind kind) {
  m_state->interrupt_kind = kind;
  std::lock_guard lock(m_state->vm_mutex);
  if (m_state->vm) m_state->vm->request_interrupt();
}

std::vector<std::string> VmInterpreter::builtin_module_names() const { return all_builtin_module_names(); }

}  // namespace cpy::firmware
