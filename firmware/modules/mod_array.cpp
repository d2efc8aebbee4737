// The array module: array.array with typecodes bBhHiIlLqQfd (native byte order, like a board).
#include <cstring>

#include "firmware/modules/modules.hpp"

namespace cpy::vm {

std::size_t array_item_size(char code) {
  switch (code) {
    case 'h':
    case 'H':
      return 2;
    case 'i':
    case 'I':
    case 'l':
    case 'L':
    case 'f':
      return 4;
    case 'q':
    case 'Q':
    case 'd':
      return 8;
    default:
      return 1;
  }
}

namespace {

constexpr std::string_view k_typecodes = "bBhHiIlLqQfd";

template <typename T>
T load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <typename T>
void store(std::uint8_t* p, T v) {
  std::memcpy(p, &v, sizeof v);
}

Value get_item(Vm& vm, const ArrayObj* a, std::size_t i) {
  const std::uint8_t* p = a->data.data() + i * array_item_size(a->typecode);
  switch (a->typecode) {
    case 'b':
      return Value::small(load<std::int8_t>(p));
    case 'B':
      return Value::small(load<std::uint8_t>(p));
    case 'h':
      return Value::small(load<std::int16_t>(p));
    case 'H':
      return Value::small(load<std::uint16_t>(p));
    case 'i':
    case 'l':
      return vm.int_value(load<std::int32_t>(p));
    case 'I':
    case 'L':
      return vm.int_value(load<std::uint32_t>(p));
    case 'q':
      return vm.int_value(load<std::int64_t>(p));
    case 'Q':
      return vm.int_value(BigInt::from_bytes(p, 8, true, false));
    case 'f':
      return vm.float_value(load<float>(p));
    default:
      return vm.float_value(load<double>(p));
  }
}

/// Integers wrap to the item width, as MicroPython stores them.
void set_item(Vm& vm, ArrayObj* a, std::size_t i, Value v) {
  std::uint8_t* p = a->data.data() + i * array_item_size(a->typecode);
  if (a->typecode == 'f') return store<float>(p, static_cast<float>(vm.to_float(v)));
  if (a->typecode == 'd') return store<double>(p, vm.to_float(v));
  if (!vm.is_int(v)) vm.raise(vm.e_type, "can't convert " + std::string(vm.type_name(v)) + " to int");
  const std::size_t size = array_item_size(a->typecode);
  if (v.is_small()) {
    auto bits = static_cast<std::uint64_t>(v.small_value());
    std::uint8_t bytes[8];
    for (std::uint8_t& b : bytes) b = static_cast<std::uint8_t>(bits), bits >>= 8;
    std::memcpy(p, bytes, size);  // little-endian: the low bytes
    return;
  }
  auto bytes = vm.to_bigint(v).to_bytes(size, true);
  std::memcpy(p, bytes.data(), size);
}

void append_value(Vm& vm, ArrayObj* a, Value v) {
  const std::size_t n = a->data.size() / array_item_size(a->typecode);
  vm.heap().reserve(array_item_size(a->typecode));
  a->data.resize(a->data.size() + array_item_size(a->typecode));
  set_item(vm, a, n, v);
}

bool is_buffer(Value v) {
  return v.is_obj() &&
         (v.obj()->kind == Kind::bytes || v.obj()->kind == Kind::bytearray || v.obj()->kind == Kind::array);
}

void extend_from(Vm& vm, ArrayObj* a, Value src) {
  if (is_buffer(src)) {
    const auto& d = src.obj()->kind == Kind::array ? static_cast<ArrayObj*>(src.obj())->data
                                                   : static_cast<BytesObj*>(src.obj())->data;
    std::vector<std::uint8_t> copy(d);
    vm.heap().reserve(copy.size());
    a->data.insert(a->data.end(), copy.begin(), copy.end());
    a->data.resize(a->data.size() - a->data.size() % array_item_size(a->typecode));
    return;
  }
  for (Value v : vm.to_vector(src)) append_value(vm, a, v);
}

Value make_array(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  if (!vm.is_str(a[0]) || vm.to_str(a[0]).size() != 1 || k_typecodes.find(vm.to_str(a[0])[0]) == std::string::npos)
    vm.raise(vm.e_value, "bad typecode");
  auto* arr = vm.heap().make<ArrayObj>(static_cast<TypeObj*>(a.self.obj()), vm.to_str(a[0])[0]);
  Value keep = Value::object(arr);
  if (a.n_pos == 2) extend_from(vm, arr, a[1]);
  return keep;
}

Value arr_append(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  append_value(vm, self_as<ArrayObj>(a), a[0]);
  return vm.none();
}

Value arr_extend(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  extend_from(vm, self_as<ArrayObj>(a), a[0]);
  return vm.none();
}

Value arr_decode(Vm& vm, Args& a) {
  const auto& d = self_as<ArrayObj>(a)->data;
  return vm.str(std::string(d.begin(), d.end()));
}

}  // namespace

Value array_subscr(Vm& vm, ArrayObj* a, Value index, Value v) {
  const std::size_t n = a->data.size() / array_item_size(a->typecode);
  if (index.is_obj() && index.obj()->kind == Kind::slice) {
    if (v) vm.raise(vm.e_not_implemented, "array slice assignment");
    Value items = vm.subscr(vm.list(vm.to_vector(Value::object(a))), index);
    auto* out = vm.heap().make<ArrayObj>(a->type, a->typecode);
    Value keep = Value::object(out);
    extend_from(vm, out, items);
    return keep;
  }
  std::int64_t i = vm.to_int(index);
  if (i < 0) i += static_cast<std::int64_t>(n);
  if (i < 0 || static_cast<std::size_t>(i) >= n) vm.raise(vm.e_index, "array index out of range");
  if (!v) return get_item(vm, a, static_cast<std::size_t>(i));
  set_item(vm, a, static_cast<std::size_t>(i), v);
  return vm.none();
}

void init_array(Vm& vm, ModuleObj* m) {
  vm.t_array->maker = make_array;
  vm.add_method(vm.t_array, "append", arr_append);
  vm.add_method(vm.t_array, "extend", arr_extend);
  vm.add_method(vm.t_array, "decode", arr_decode);
  vm.dict_store_str(m->globals, "array", Value::object(vm.t_array));
}

}  // namespace cpy::vm
