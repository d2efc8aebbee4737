// Board modules for the VM: a native `_bhal` module over BoardServices, and the public modules as Python source
// run over it on first import (registered as built-ins, so files on the drive never shadow them).
#include "firmware/supervisor/vm_bindings.hpp"

#include "firmware/supervisor/board_services.hpp"
#include "firmware/supervisor/vm_bindings_python.hpp"
#include "firmware/supervisor/vm_file_bindings.hpp"
#include "firmware/vm/native.hpp"
#include "mpycross/compiler.hpp"

namespace cpy::firmware {

namespace {

using vm::Args;
using vm::ModuleObj;
using vm::Value;
using vm::Vm;

/// The one board of this process; the VM's module initialisers take no context.
BoardServices* g_services = nullptr;

BoardServices& services() { return *g_services; }

int pin_arg(Vm& vm, Args& a) {
  std::int64_t pin = vm.to_int(a[0]);
  if (pin < 0 || static_cast<std::size_t>(pin) >= services().pins().definition().mcu_pins.size())
    vm.raise(vm.e_value, "Invalid pin");
  return static_cast<int>(pin);
}

Value hal_claim(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  if (auto st = services().pins().claim(pin_arg(vm, a)); !st) vm.raise(vm.e_value, st.error().message);
  return vm.none();
}
Value hal_release(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  services().pins().release(pin_arg(vm, a));
  return vm.none();
}
Value hal_set_direction(Vm& vm, Args& a) {
  vm::check_args(vm, a, 2, 2);
  services().pins().set_direction(pin_arg(vm, a), vm.to_int(a[1]) ? Direction::output : Direction::input);
  return vm.none();
}
Value hal_set_value(Vm& vm, Args& a) {
  vm::check_args(vm, a, 2, 2);
  services().pins().set_output(pin_arg(vm, a), vm.truthy(a[1]));
  return vm.none();
}
Value hal_get_value(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  return vm.boolean(services().pins().read(pin_arg(vm, a)));
}
Value hal_set_pull(Vm& vm, Args& a) {
  vm::check_args(vm, a, 2, 2);
  std::int64_t pull = vm.to_int(a[1]);
  services().pins().set_pull(pin_arg(vm, a), pull == 1 ? Pull::up : pull == 2 ? Pull::down : Pull::none);
  return vm.none();
}
Value hal_set_drive_mode(Vm& vm, Args& a) {
  vm::check_args(vm, a, 2, 2);
  services().pins().set_drive_mode(pin_arg(vm, a), vm.to_int(a[1]) ? DriveMode::open_drain : DriveMode::push_pull);
  return vm.none();
}
Value hal_pin_repr(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  return vm.str(services().pins().definition().pin_repr(pin_arg(vm, a)));
}
Value hal_mcu_pins(Vm& vm, Args&) {
  std::vector<Value> names;
  for (const auto& name : services().pins().definition().mcu_pins) names.push_back(vm.str(name));
  return vm.list(std::move(names));
}
Value hal_board_pins(Vm& vm, Args&) {
  std::vector<Value> pairs;
  for (const auto& entry : services().pins().definition().board_pins)
    pairs.push_back(vm.tuple({vm.str(entry.board_name), vm.int_value(entry.pin)}));
  return vm.list(std::move(pairs));
}
Value hal_uid(Vm& vm, Args&) { return vm.bytes(services().identity().uid); }
Value hal_board_id(Vm& vm, Args&) { return vm.str(services().identity().board_id); }
Value hal_autoreload(Vm& vm, Args&) { return vm.boolean(services().autoreload()); }
Value hal_set_autoreload(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  services().set_autoreload(vm.truthy(a[0]));
  return vm.none();
}
Value hal_serial_connected(Vm& vm, Args&) { return vm.boolean(services().serial_connected()); }
Value hal_run_reason(Vm& vm, Args&) { return vm.int_value(static_cast<int>(services().run_reason())); }
Value hal_safe_mode_reason(Vm& vm, Args&) {
  return vm.str(std::string(safe_mode_reason_name(services().safe_mode_reason())));
}
Value hal_reload(Vm& vm, Args&) { vm.raise(vm.e_reload, ""); }
Value hal_reset(Vm& vm, Args&) {
  services().request_hard_reset();
  vm.raise(vm.e_system_exit, "");
}
Value hal_on_next_reset(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  services().on_next_reset(static_cast<RunMode>(vm.to_int(a[0]) & 3));
  return vm.none();
}
Value hal_set_next_code_file(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  if (a[0] == vm.none()) {
    services().set_next_code_file(std::nullopt);
  } else {
    services().set_next_code_file(vm.to_str(a[0]));
  }
  return vm.none();
}
Value hal_monotonic_ns(Vm& vm, Args&) { return vm.int_value(static_cast<std::int64_t>(services().clock().now_ns())); }
Value hal_sleep_ns(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  services().sleep_ns(static_cast<std::uint64_t>(std::max<std::int64_t>(0, vm.to_int(a[0]))));
  vm.check_interrupt();
  return vm.none();
}
Value hal_neopixel_write(Vm& vm, Args& a) {
  vm::check_args(vm, a, 2, 2);
  auto data = vm::bytes_of(vm, a[1]);
  services().pins().neopixel_write(pin_arg(vm, a), std::string(data.begin(), data.end()));
  return vm.none();
}
Value hal_remount(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  if (auto st = services().remount_root(vm.truthy(a[0])); !st) vm.raise(vm.e_runtime, st.error().message);
  return vm.none();
}

void init_bhal(Vm& vm, ModuleObj* m) {
  struct Fn {
    const char* name;
    vm::NativeFn fn;
  };
  static const Fn k_functions[] = {
      {"claim", hal_claim},
      {"release", hal_release},
      {"set_direction", hal_set_direction},
      {"set_value", hal_set_value},
      {"get_value", hal_get_value},
      {"set_pull", hal_set_pull},
      {"set_drive_mode", hal_set_drive_mode},
      {"pin_repr", hal_pin_repr},
      {"mcu_pins", hal_mcu_pins},
      {"board_pins", hal_board_pins},
      {"uid", hal_uid},
      {"board_id", hal_board_id},
      {"autoreload", hal_autoreload},
      {"set_autoreload", hal_set_autoreload},
      {"serial_connected", hal_serial_connected},
      {"run_reason", hal_run_reason},
      {"safe_mode_reason", hal_safe_mode_reason},
      {"reload", hal_reload},
      {"reset", hal_reset},
      {"on_next_reset", hal_on_next_reset},
      {"set_next_code_file", hal_set_next_code_file},
      {"monotonic_ns", hal_monotonic_ns},
      {"sleep_ns", hal_sleep_ns},
      {"neopixel_write", hal_neopixel_write},
      {"remount", hal_remount},
  };
  for (const auto& f : k_functions) vm.dict_store_str(m->globals, f.name, vm.native_fn(f.name, f.fn));
}

struct PythonModule {
  const char* name;
  const char* source;
};

constexpr PythonModule k_python_modules[] = {
    {"digitalio", bindings::k_digitalio},
    {"microcontroller", bindings::k_microcontroller},
    {"board", bindings::k_board},
    {"supervisor", bindings::k_supervisor},
    {"neopixel_write", bindings::k_neopixel_write},
    {"storage", bindings::k_storage},
};

template <std::size_t I>
void init_python_module(Vm& vm, ModuleObj* m) {
  const PythonModule& module = k_python_modules[I];
  auto compiled = mpycross::compile(module.source, module.name);
  if (auto* failure = std::get_if<mpycross::CompileFailure>(&compiled))
    vm.raise(vm.e_import, std::string("cannot build module ") + module.name + ": " + failure->stderr_text);
  Value code = vm.load_code(std::get<std::vector<std::uint8_t>>(compiled), module.name);
  vm.run_module_code(static_cast<vm::CodeObj*>(code.obj()), m);
}

template <std::size_t... I>
void register_python_modules(Vm& vm, std::index_sequence<I...>) {
  (vm.register_builtin_module(k_python_modules[I].name, init_python_module<I>), ...);
}

Value repl_echo(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  if (a[0] != vm.none()) {
    vm.dict_store_str(vm.builtins(), "_", a[0]);
    vm.write(vm.repr(a[0]) + "\n");
  }
  return vm.none();
}

/// help('modules') prints the board's list; anything else goes to the VM's own help().
Value board_help(Vm& vm, Args& a) {
  if (a.size() == 1 && vm.is_str(a[0]) && vm.to_str(a[0]) == "modules") {
    vm.write(services().help_modules(all_builtin_module_names()));
    return vm.none();
  }
  Value* original = vm.dict_find_str(vm.builtins(), "__cpy_vm_help__");
  if (!original) return vm.none();
  return vm.call(*original, a.size(), 0, a.pos);
}

}  // namespace

std::vector<std::string> all_builtin_module_names() {
  std::vector<std::string> names = {"__main__", "array", "binascii", "builtins", "collections", "errno",
                                    "gc",       "io",    "json",     "math",     "micropython", "os",
                                    "random",   "re",    "struct",   "sys",      "time"};
  for (const auto& name : board_module_names()) names.push_back(name);
  return names;
}

void register_board_modules(Vm& vm, BoardServices& board) {
  g_services = &board;
  vm.register_builtin_module("_bhal", init_bhal);
  register_file_functions(vm, board);
  register_python_modules(vm, std::make_index_sequence<std::size(k_python_modules)>());
  vm.dict_store_str(vm.builtins(), k_repl_echo_name, vm.native_fn(k_repl_echo_name, repl_echo));
  if (Value* help = vm.dict_find_str(vm.builtins(), "help")) vm.dict_store_str(vm.builtins(), "__cpy_vm_help__", *help);
  vm.dict_store_str(vm.builtins(), "help", vm.native_fn("help", board_help));
}

std::vector<std::string> board_module_names() {
  std::vector<std::string> names;
  for (const auto& module : k_python_modules) names.emplace_back(module.name);
  return names;
}

}  // namespace cpy::firmware
