// sys, micropython, gc, os and errno modules.
#include <algorithm>

#include "firmware/modules/modules.hpp"
#include "firmware/vm/errno_text.hpp"

namespace cpy::vm {

namespace {

Value sys_exit(Vm& vm, Args& a) {
  throw PyRaise{vm.make_exception_args(vm.e_system_exit, a.n_pos ? RootVec{a[0]} : RootVec{})};
}

Value sys_print_exception(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  if (!has_kind(a[0], Kind::exception)) vm.raise(vm.e_type, "print_exception needs an exception");
  vm.print_exception(a[0], a.n_pos == 2 ? a[1] : Value());
  return vm.none();
}

Value stdout_write(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  if (is_bytes_like(a[0])) {
    auto& d = as_bytes(a[0])->data;
    vm.write(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
    return vm.int_value(static_cast<std::int64_t>(d.size()));
  }
  const std::string& s = vm.to_str(a[0]);
  vm.write(s);
  return vm.int_value(static_cast<std::int64_t>(as_str_obj(a[0])->chars));
}

Value noop(Vm& vm, Args&) { return vm.none(); }

Value mp_const(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  return a[0];
}

Value mp_opt_level(Vm& vm, Args& a) { return a.n_pos ? vm.none() : Value::small(0); }

/// Bytes of native stack in use below the VM's entry point.
std::size_t stack_used(Vm& vm) {
  volatile char here = 0;
  const auto* bottom = static_cast<const char*>(vm.heap().stack_bottom());
  const auto* top = const_cast<const char*>(&here);
  return bottom && bottom > top ? static_cast<std::size_t>(bottom - top) : 0;
}

Value mp_stack_use(Vm& vm, Args&) { return vm.int_value(static_cast<std::int64_t>(stack_used(vm))); }

/// mem_info([verbose]): the stack and GC heap summary in MicroPython's layout (no block map here).
Value mp_mem_info(Vm& vm, Args&) {
  const auto& h = vm.heap();
  const std::size_t used = std::min(h.used(), h.limit());
  vm.write("stack: " + std::to_string(stack_used(vm)) + " out of " + std::to_string(vm.config().c_stack_bytes) +
           "\nGC: total: " + std::to_string(h.limit()) + ", used: " + std::to_string(used) +
           ", free: " + std::to_string(h.limit() - used) + "\n");
  return vm.none();
}

Value mp_identity(Vm&, Args& a) { return a[0]; }
Value mp_heap_unlock(Vm&, Args&) { return Value::small(0); }  ///< the lock depth left (locking is a no-op here)

Value gc_collect(Vm& vm, Args&) {
  vm.heap().collect();
  return vm.none();
}
Value gc_enable(Vm& vm, Args&) {
  vm.heap().set_enabled(true);
  return vm.none();
}
Value gc_disable(Vm& vm, Args&) {
  vm.heap().set_enabled(false);
  return vm.none();
}
Value gc_isenabled(Vm& vm, Args&) { return vm.boolean(vm.heap().enabled()); }
Value gc_mem_free(Vm& vm, Args&) {
  auto& h = vm.heap();
  return vm.int_value(static_cast<std::int64_t>(h.limit() > h.used() ? h.limit() - h.used() : 0));
}
Value gc_mem_alloc(Vm& vm, Args&) { return vm.int_value(static_cast<std::int64_t>(vm.heap().used())); }

Value path_join(Vm& vm, Args& a) {
  std::string out;
  for (std::size_t i = 0; i < a.n_pos; ++i) {
    const std::string& part = vm.to_str(a[i]);
    if (!part.empty() && part[0] == '/')
      out = part;
    else if (out.empty() || out.back() == '/')
      out += part;
    else
      out += "/" + part;
  }
  return vm.str(out);
}

Value path_basename(Vm& vm, Args& a) {
  const std::string& p = vm.to_str(a[0]);
  auto slash = p.rfind('/');
  return vm.str(slash == std::string::npos ? p : p.substr(slash + 1));
}

Value path_dirname(Vm& vm, Args& a) {
  const std::string& p = vm.to_str(a[0]);
  auto slash = p.rfind('/');
  return vm.str(slash == std::string::npos ? "" : p.substr(0, slash));
}

Value path_exists(Vm& vm, Args& a) {
  std::vector<std::uint8_t> tmp;
  return vm.boolean(vm.host().read_file(vm.to_str(a[0]), tmp));
}

Value os_getenv(Vm& vm, Args& a) { return a.n_pos > 1 ? a[1] : vm.none(); }

/// A named tuple like CircuitPython's: os.uname().release and os.uname()[2] both work.
Value os_uname(Vm& vm, Args&) {
  const Uname& u = vm.config().uname;
  TypeObj* type = vm.make_type("uname_result", Kind::tuple, vm.t_tuple);
  vm.dict_store_str(
      type->dict, "_fields",
      vm.tuple({vm.str("sysname"), vm.str("nodename"), vm.str("release"), vm.str("version"), vm.str("machine")}));
  Value result =
      vm.tuple({vm.str(u.sysname), vm.str(u.nodename), vm.str(u.release), vm.str(u.version), vm.str(u.machine)});
  result.obj()->type = type;
  return result;
}

}  // namespace

void init_sys(Vm& vm, ModuleObj* m) {
  DictObj* g = m->globals;
  vm.dict_store_str(g, "argv", vm.list({}));
  RootVec path;
  for (const auto& p : vm.config().search_paths) path.push_back(vm.str(p));
  if (path.empty()) path = RootVec{vm.str(""), vm.str("/"), vm.str(".frozen"), vm.str("/lib")};
  vm.dict_store_str(g, "path", vm.list(std::move(path)));
  vm.dict_store_str(g, "version", vm.str("3.4.0; CircuitPython 10.3.0"));
  vm.dict_store_str(g, "version_info", vm.tuple({Value::small(3), Value::small(4), Value::small(0)}));
  auto* impl_type = vm.make_type("implementation", Kind::instance, vm.t_object);
  Value impl = Value::object(vm.heap().make<InstanceObj>(impl_type));
  impl_type->is_user = true;
  vm.setattr(impl, "name", vm.str("circuitpython"));
  vm.setattr(impl, "version", vm.tuple({Value::small(10), Value::small(3), Value::small(0)}));
  vm.setattr(impl, "_mpy", Value::small(0x306));  // 774: mpy v6.3, no native arch (CircuitPython 9.2+)
  vm.dict_store_str(g, "implementation", impl);
  vm.dict_store_str(g, "platform", vm.str("host"));
  vm.dict_store_str(g, "ps1", vm.str(">>> "));
  vm.dict_store_str(g, "ps2", vm.str("... "));
  vm.dict_store_str(g, "byteorder", vm.str("little"));
  vm.dict_store_str(g, "maxsize", vm.int_value(Value::k_small_max));
  add_fn(vm, m, "exit", sys_exit);
  add_fn(vm, m, "print_exception", sys_print_exception);
  auto* out_type = vm.make_type("FileIO", Kind::instance, vm.t_object);
  vm.add_method(out_type, "write", stdout_write);
  vm.add_method(out_type, "flush", noop);
  Value out = Value::object(vm.heap().make<InstanceObj>(out_type));
  vm.dict_store_str(g, "stdout", out);
  vm.dict_store_str(g, "stderr", out);
  vm.dict_store_str(g, "stdin", vm.none());
  vm.dict_store_str(g, "modules", Value::object(vm.modules_dict()));
}

void init_micropython(Vm& vm, ModuleObj* m) {
  add_fn(vm, m, "const", mp_const);
  add_fn(vm, m, "opt_level", mp_opt_level);
  add_fn(vm, m, "mem_info", mp_mem_info);
  add_fn(vm, m, "qstr_info", noop);
  add_fn(vm, m, "stack_use", mp_stack_use);
  add_fn(vm, m, "heap_lock", noop);
  add_fn(vm, m, "heap_unlock", mp_heap_unlock);
  add_fn(vm, m, "alloc_emergency_exception_buf", noop);
  add_fn(vm, m, "kbd_intr", noop);
  add_fn(vm, m, "native", mp_identity);
  add_fn(vm, m, "viper", mp_identity);
  add_fn(vm, m, "schedule", noop);
}

void init_gc(Vm& vm, ModuleObj* m) {
  add_fn(vm, m, "collect", gc_collect);
  add_fn(vm, m, "enable", gc_enable);
  add_fn(vm, m, "disable", gc_disable);
  add_fn(vm, m, "isenabled", gc_isenabled);
  add_fn(vm, m, "mem_free", gc_mem_free);
  add_fn(vm, m, "mem_alloc", gc_mem_alloc);
}

void init_os(Vm& vm, ModuleObj* m) {
  ModuleObj* path = vm.new_module("os.path");
  add_fn(vm, path, "join", path_join);
  add_fn(vm, path, "basename", path_basename);
  add_fn(vm, path, "dirname", path_dirname);
  add_fn(vm, path, "exists", path_exists);
  vm.dict_store_str(m->globals, "path", Value::object(path));
  vm.dict_store_str(m->globals, "sep", vm.str("/"));
  add_fn(vm, m, "getenv", os_getenv);
  add_fn(vm, m, "uname", os_uname);
}

void init_errno(Vm& vm, ModuleObj* m) {
  Value codes = vm.dict();
  for (const auto& [name, code] : errno_names()) {
    vm.dict_store_str(m->globals, name, Value::small(code));
    vm.table_store(as_dict(codes)->table, Value::small(code), vm.str(name));
  }
  vm.dict_store_str(m->globals, "errorcode", codes);
}

void init_builtins_module(Vm& vm, ModuleObj* m) { m->globals = vm.builtins(); }

}  // namespace cpy::vm
