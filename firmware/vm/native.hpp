// Helpers for writing native functions and methods: argument checks and receiver casts.
#pragma once

#include <string>

#include "firmware/vm/vm.hpp"

namespace cpy::vm {

/// TypeError unless min <= positional count <= max.
inline void check_args(Vm& vm, const Args& a, std::size_t min, std::size_t max) {
  if (a.n_pos < min || a.n_pos > max) {
    if (min == max) {
      vm.raise(vm.e_type, "function takes " + std::to_string(min) + " positional arguments but " +
                              std::to_string(a.n_pos) + " were given");
    }
    vm.raise(vm.e_type,
             a.n_pos < min
                 ? "function missing " + std::to_string(min - a.n_pos) + " required positional arguments"
                 : "function expected at most " + std::to_string(max) + " arguments, got " + std::to_string(a.n_pos));
  }
}

template <typename T>
T* self_as(const Args& a) {
  return static_cast<T*>(a.self.obj());
}

inline StrObj* as_str_obj(Value v) { return static_cast<StrObj*>(v.obj()); }
inline SeqObj* as_seq(Value v) { return static_cast<SeqObj*>(v.obj()); }
inline DictObj* as_dict(Value v) { return static_cast<DictObj*>(v.obj()); }
inline SetObj* as_set(Value v) { return static_cast<SetObj*>(v.obj()); }
inline BytesObj* as_bytes(Value v) { return static_cast<BytesObj*>(v.obj()); }
inline bool has_kind(Value v, Kind k) { return v.is_obj() && v.obj()->kind == k; }
inline bool is_bytes_like(Value v) { return has_kind(v, Kind::bytes) || has_kind(v, Kind::bytearray); }

/// Sorts in place the way MicroPython's list.sort does (its quicksort, key called per comparison).
void mp_sort(Vm& vm, Value* items, std::size_t n, Value key, bool reverse);
/// str.format / format(): the format-spec mini-language applied to one value.
std::string format_value(Vm& vm, Value v, std::string_view spec);
/// Byte offset of code point `index` in UTF-8 text.
std::size_t utf8_offset(const std::string& s, std::size_t char_index);
std::string repr_bytes(const std::vector<std::uint8_t>& data);
std::vector<std::uint8_t> bytes_of(Vm& vm, Value v);  ///< bytes-like or iterable of ints

// Per-type method tables (registered by init_builtins).
void init_str_methods(Vm& vm);
void init_container_methods(Vm& vm);
void init_misc_methods(Vm& vm);
void init_makers(Vm& vm);

}  // namespace cpy::vm
