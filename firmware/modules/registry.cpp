// The table of built-in modules and the import machinery (built-ins first, then .mpy/.py on the path).
#include <string>

#include "firmware/modules/modules.hpp"

namespace cpy::vm {

void Vm::register_builtin_module(std::string_view name, void (*init)(Vm&, ModuleObj*)) {
  m_builtin_modules.emplace_back(std::string(name), init);
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

Value import_one(Vm& vm, DictObj* modules, const std::string& name,
                 const std::vector<std::pair<std::string, void (*)(Vm&, ModuleObj*)>>& builtin) {
  if (Value* m = vm.dict_find_str(modules, name)) return *m;
  for (const auto& [mod_name, init] : builtin) {
    if (mod_name != name) continue;
    ModuleObj* m = vm.new_module(name);
    vm.dict_store_str(modules, name, Value::object(m));
    init(vm, m);
    return Value::object(m);
  }
  std::string rel = name;
  for (char& c : rel) {
    if (c == '.') c = '/';
  }
  std::vector<std::string> paths = vm.config().search_paths;
  if (paths.empty()) paths.push_back(".");
  for (const auto& dir : paths) {
    for (const char* ext : {".mpy", ".py"}) {
      std::vector<std::uint8_t> bytes;
      std::string path = dir + "/" + rel + ext;
      if (!vm.host().read_file(path, bytes)) {
        path = dir + "/" + rel + "/__init__" + ext;
        if (!vm.host().read_file(path, bytes)) continue;
      }
      ModuleObj* m = vm.new_module(name);
      vm.dict_store_str(m->globals, "__file__", vm.str(path));
      vm.dict_store_str(modules, name, Value::object(m));
      Value code = std::string_view(ext) == ".mpy" ? vm.load_code(bytes, path) : vm.compile_source(bytes, path);
      try {
        vm.run_module_code(static_cast<CodeObj*>(code.obj()), m);
      } catch (PyRaise&) {
        vm.table_remove(modules->table, vm.qstr(name));
        throw;
      }
      return Value::object(m);
    }
  }
  vm.raise(vm.e_import, "no module named '" + name + "'");
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
      last = import_one(*this, m_modules, part, m_builtin_modules);
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
