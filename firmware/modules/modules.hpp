// Built-in modules of the firmware: each init_ function fills a fresh module object.
#pragma once

#include "firmware/vm/native.hpp"

namespace cpy::vm {

void init_sys(Vm& vm, ModuleObj* m);
void init_micropython(Vm& vm, ModuleObj* m);
void init_gc(Vm& vm, ModuleObj* m);
void init_math(Vm& vm, ModuleObj* m);
void init_io(Vm& vm, ModuleObj* m);
void init_collections(Vm& vm, ModuleObj* m);
void init_os(Vm& vm, ModuleObj* m);
void init_time(Vm& vm, ModuleObj* m);
void init_errno(Vm& vm, ModuleObj* m);
void init_struct(Vm& vm, ModuleObj* m);
void init_json(Vm& vm, ModuleObj* m);
void init_binascii(Vm& vm, ModuleObj* m);
void init_array(Vm& vm, ModuleObj* m);
void init_random(Vm& vm, ModuleObj* m);
void init_re(Vm& vm, ModuleObj* m);
void init_builtins_module(Vm& vm, ModuleObj* m);

/// Adds a function to a module's globals.
inline void add_fn(Vm& vm, ModuleObj* m, std::string_view name, NativeFn fn) {
  vm.dict_store_str(m->globals, name, vm.native_fn(name, fn));
}

}  // namespace cpy::vm
