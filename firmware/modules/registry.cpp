// The table of built-in modules and the import machinery (built-ins first, then .mpy/.py on the path).
#include <string>

#include "firmware/modules/modules.hpp"

namespace cpy::vm {

void Vm::register_builtin_module(std::string_view name, void (*init)(Vm&, ModuleObj*)) {
  m_builtin_modules.emplace_back(std::string(name), init);
}

std::vector<std::string> Vm::builtin_module_names() const {
  std::vector<std::string> names;
  for (const auto& entry : m_builtin_modules) names.push_back(entry.first);
  return names;
}

void Vm::init_modules() {
  struct Entry {
    const char* name;
    void (*init)(Vm&, ModuleObj*);
  };
  static const Entry k_modules[] = {
      {"sys", init_sys},     {"micropython", init_micropython}, {"gc", init_gc},     {"math", init_math},
      {"io", init_io},       {"collections", init_collections}, {"os", init_os},     {"time", init_time},
      {"errno", init_errno}, {"struct", init_struct},           {"json", init_json}, {"binascii", init_binascii},
      {"array", init_array}, {"random", init_random},           {"re", init_re},     {"builtins", init_builtins_module},
  };
  for (const auto& e : k_modules) register_builtin_module(e.name, e.init);
  Value sys = import_module("sys", m_none, 0);
  m_sys = static_cast<ModuleObj*>(sys.obj());
}

namespace {

/// Where `name`'s module is searched: its package's __path__, or the live sys.path for a top-level name.
std::vector<std::string> import_dirs(Vm& vm, ModuleObj* sys, Value parent) {
  std::vector<std::string> dirs;
  if (parent) {
    if (parent.obj()->kind != Kind::module) return dirs;
    if (Value* path = vm.dict_find_str(static_cast<ModuleObj*>(parent.obj())->globals, "__path__"))
      dirs.push_back(vm.to_text(*path));
    return dirs;
  }
  if (!sys) return vm.config().search_paths;
  Value* path = vm.dict_find_str(sys->globals, "path");
  if (!path || !path->is_obj() || path->obj()->kind != Kind::list) return dirs;
  for (Value entry : vm.to_vector(*path))
    if (vm.is_str(entry)) dirs.push_back(vm.to_text(entry));
  return dirs;
}

Value import_one(Vm& vm, DictObj* modules, const std::string& name, Value parent, ModuleObj* sys,
                 const std::vector<std::pair<std::string, void (*)(Vm&, ModuleObj*)>>& builtin) {
  if (Value* m = vm.dict_find_str(modules, name)) return *m;
  for (const auto& [mod_name, init] : builtin) {
    if (mod_name != name) continue;
    ModuleObj* m = vm.new_module(name);
    vm.dict_store_str(modules, name, Value::object(m));
    init(vm, m);
    return Value::object(m);
  }
  const std::string last = name.substr(name.rfind('.') + 1);
  auto found = vm.host().find_module(import_dirs(vm, sys, parent), last);
  if (!found) vm.raise(vm.e_import, "no module named '" + name + "'");
  ModuleObj* m = vm.new_module(name);
  Value keep = Value::object(m);
  if (!found->file.empty()) vm.dict_store_str(m->globals, "__file__", vm.str(found->file));
  if (!found->package_dir.empty()) vm.dict_store_str(m->globals, "__path__", vm.str(found->package_dir));
  vm.dict_store_str(modules, name, keep);
  if (found->kind == ImportSource::Kind::namespace_package) return keep;
  const std::string& file = found->file;
  try {  // a module that fails to load, compile or run is not left in sys.modules
    Value code =
        found->kind == ImportSource::Kind::mpy ? vm.load_code(found->code, file) : vm.compile_source(found->code, file);
    vm.run_module_code(static_cast<CodeObj*>(code.obj()), m);
  } catch (PyRaise&) {
    vm.table_remove(modules->table, vm.qstr(name));
    throw;
  }
  return keep;
}

}  // namespace

Value Vm::import_module(std::string_view name, Value fromlist, int level) {
  std::string full(name);
  if (level > 0) {
    std::string pkg;
    if (m_frame) {
      if (Value* n = dict_find_str(m_frame->globals, "__name__")) pkg = to_text(*n);
    }
    for (int i = 1; i < level && !pkg.empty(); ++i) {
      auto dot = pkg.rfind('.');
      pkg = dot == std::string::npos ? "" : pkg.substr(0, dot);
    }
    if (pkg.empty() || pkg == "__main__") raise(e_import, "can't perform relative import");
    full = full.empty() ? pkg : pkg + "." + full;
  }
  Value top, last;
  std::size_t pos = 0;
  while (true) {
    std::size_t dot = full.find('.', pos);
    std::string part = full.substr(0, dot);
    Value parent = last;
    if (Value* cached = dict_find_str(m_modules, part)) {
      last = *cached;
    } else if (parent && getattr_opt(parent, part.substr(part.rfind('.') + 1))) {
      last = getattr(parent, part.substr(part.rfind('.') + 1));
    } else {
      last = import_one(*this, m_modules, part, parent, m_sys, m_builtin_modules);
      if (parent && parent.obj()->kind == Kind::module) setattr(parent, part.substr(part.rfind('.') + 1), last);
    }
    if (!top) top = last;
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  bool has_fromlist = fromlist && fromlist != m_none;
  return has_fromlist ? last : top;
}

}  // namespace cpy::vm
