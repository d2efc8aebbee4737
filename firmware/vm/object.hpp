// Heap object layouts: one struct per built-in kind, all deriving from Obj (traced by the GC).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/vm/bigint.hpp"
#include "firmware/vm/value.hpp"

namespace cpy::vm {

class Vm;
class Heap;
struct TypeObj;
struct DictObj;

/// The native representation of an object (what its C++ struct is); user classes reuse these.
enum class Kind : std::uint8_t {
  none,
  boolean,
  ellipsis,
  not_implemented,
  integer,
  flt,
  complex,
  str,
  bytes,
  bytearray,
  memoryview,
  tuple,
  list,
  dict,
  set,
  frozenset,
  range,
  slice,
  function,
  native_function,
  bound_method,
  cell,
  type,
  instance,
  exception,
  generator,
  module,
  property,
  staticmethod,
  classmethod,
  iterator,
  dict_view,
  code,
  super_obj,
  text_io,
  bytes_io,
  array,
  deque,
  module_data,
};

/// Marks reachable objects; each object reports its outgoing references through trace().
class Tracer {
 public:
  virtual ~Tracer() = default;
  virtual void mark(Value v) = 0;
  void mark(const Obj* o);
  void mark_all(const std::vector<Value>& values) {
    for (Value v : values) mark(v);
  }
};

struct Obj {
  explicit Obj(Kind k, TypeObj* t) : kind(k), type(t) {}
  virtual ~Obj() = default;
  virtual void trace(Tracer& t);
  virtual std::size_t footprint() const { return 32; }

  Kind kind;
  bool marked = false;
  TypeObj* type;
  DictObj* attrs = nullptr;  ///< instance __dict__ (user classes, functions, modules' globals use their own)
};

struct BoolObj : Obj {
  BoolObj(TypeObj* t, bool v) : Obj(Kind::boolean, t), value(v) {}
  bool value;
};

struct IntObj : Obj {
  IntObj(TypeObj* t, BigInt v) : Obj(Kind::integer, t), value(std::move(v)) {}
  std::size_t footprint() const override { return 48 + value.limb_count() * 4; }
  BigInt value;
};

struct FloatObj : Obj {
  FloatObj(TypeObj* t, double v) : Obj(Kind::flt, t), value(v) {}
  double value;
};

struct ComplexObj : Obj {
  ComplexObj(TypeObj* t, double r, double i) : Obj(Kind::complex, t), real(r), imag(i) {}
  double real, imag;
};

struct StrObj : Obj {
  StrObj(TypeObj* t, std::string s);
  std::size_t footprint() const override { return 64 + value.capacity(); }
  std::size_t char_count() const { return chars; }
  std::string value;
  mutable std::uint64_t hash = 0;
  std::uint32_t chars;  ///< number of code points (a string never reaches 4 G: the heap budget is smaller)
  mutable bool hashed = false;
};

/// bytes and bytearray share the layout; kind tells them apart.
struct BytesObj : Obj {
  BytesObj(Kind k, TypeObj* t, std::vector<std::uint8_t> d) : Obj(k, t), data(std::move(d)) {}
  std::size_t footprint() const override { return 48 + data.capacity(); }
  std::vector<std::uint8_t> data;
};

struct MemoryViewObj : Obj {
  MemoryViewObj(TypeObj* t, Value b, std::size_t s, std::size_t n)
      : Obj(Kind::memoryview, t), base(b), start(s), len(n) {}
  void trace(Tracer& t) override;
  Value base;
  std::size_t start, len;
};

/// tuple and list share the layout; kind tells them apart.
struct SeqObj : Obj {
  SeqObj(Kind k, TypeObj* t, std::vector<Value> v) : Obj(k, t), items(std::move(v)) {}
  void trace(Tracer& t) override;
  std::size_t footprint() const override { return 48 + items.capacity() * sizeof(Value); }
  std::vector<Value> items;
};

/// Insertion-ordered hash table used by dict, set and frozenset (values unused for sets).
struct HashTable {
  struct Entry {
    Value key, value;
    std::uint64_t hash;
  };
  std::vector<Entry> entries;       // deleted entries have a null key
  std::vector<std::int32_t> index;  // open addressing, -1 empty, -2 deleted
  std::size_t used = 0;
  void trace(Tracer& t) const;
  std::size_t footprint() const { return entries.capacity() * sizeof(Entry) + index.capacity() * 4; }
};

struct DictObj : Obj {
  explicit DictObj(TypeObj* t) : Obj(Kind::dict, t) {}
  void trace(Tracer& t) override;
  std::size_t footprint() const override { return 48 + table.footprint(); }
  HashTable table;
};

struct SetObj : Obj {
  SetObj(Kind k, TypeObj* t) : Obj(k, t) {}
  void trace(Tracer& t) override;
  std::size_t footprint() const override { return 48 + table.footprint(); }
  HashTable table;
};

struct RangeObj : Obj {
  RangeObj(TypeObj* t, std::int64_t a, std::int64_t b, std::int64_t c)
      : Obj(Kind::range, t), start(a), stop(b), step(c) {}
  std::int64_t start, stop, step;
  std::int64_t length() const;
};

struct SliceObj : Obj {
  SliceObj(TypeObj* t, Value a, Value b, Value c) : Obj(Kind::slice, t), start(a), stop(b), step(c) {}
  void trace(Tracer& t) override;
  Value start, stop, step;
};

struct ModuleData;

/// Loaded code of one function body (a raw code with its decoded prelude).
struct CodeObj : Obj {
  explicit CodeObj(TypeObj* t) : Obj(Kind::code, t) {}
  void trace(Tracer& t) override;
  std::size_t footprint() const override { return 128 + bytecode.size() + line_table.size(); }
  ModuleData* data = nullptr;
  std::uint32_t n_state = 1, n_exc_stack = 0, n_pos = 0, n_kwonly = 0, n_def = 0;
  std::uint8_t flags = 0;
  Value name;                    ///< str
  std::vector<Value> arg_names;  ///< str per positional/kw-only slot
  std::vector<std::uint8_t> line_table, cells, bytecode;
  std::vector<CodeObj*> children;
};

/// What the code of one .mpy file shares: its qstrs (as str objects), constants and source name.
struct ModuleData : Obj {
  explicit ModuleData(TypeObj* t) : Obj(Kind::module_data, t) {}
  void trace(Tracer& t) override;
  std::vector<Value> qstrs, consts;
  Value source_name;
};

struct FunctionObj : Obj {
  FunctionObj(TypeObj* t, CodeObj* c, DictObj* g) : Obj(Kind::function, t), code(c), globals(g) {}
  void trace(Tracer& t) override;
  CodeObj* code;
  DictObj* globals;
  std::vector<Value> defaults;  ///< positional defaults
  DictObj* kw_defaults = nullptr;
  std::vector<Value> closure;  ///< cells
};

struct Args;
using NativeFn = Value (*)(Vm& vm, Args& args);

struct NativeFunctionObj : Obj {
  NativeFunctionObj(TypeObj* t, std::string_view n, NativeFn f, Value s)
      : Obj(Kind::native_function, t), name(n), fn(f), self(s) {}
  void trace(Tracer& t) override;
  std::string_view name;
  NativeFn fn;
  Value self;  ///< bound receiver (module functions: null)
  Value data;  ///< extra value (e.g. the type a method belongs to)
};

struct BoundMethodObj : Obj {
  BoundMethodObj(TypeObj* t, Value f, Value s) : Obj(Kind::bound_method, t), fn(f), self(s) {}
  void trace(Tracer& t) override;
  Value fn, self;
};

struct CellObj : Obj {
  CellObj(TypeObj* t, Value v) : Obj(Kind::cell, t), value(v) {}
  void trace(Tracer& t) override;
  Value value;
};

struct TypeObj : Obj {
  TypeObj(TypeObj* meta, std::string n, Kind instance)
      : Obj(Kind::type, meta), name(std::move(n)), instance_kind(instance) {}
  void trace(Tracer& t) override;
  std::string name;
  Kind instance_kind;    ///< native layout of instances
  bool is_user = false;  ///< defined by a class statement
  std::vector<TypeObj*> bases;
  std::vector<TypeObj*> mro;       ///< self first
  DictObj* dict = nullptr;         ///< methods and class attributes
  TypeObj* native_base = nullptr;  ///< the built-in type instances are laid out as
  NativeFn maker = nullptr;        ///< constructor of built-in types (args.self = the type to make)
};

struct InstanceObj : Obj {
  explicit InstanceObj(TypeObj* t) : Obj(Kind::instance, t) {}
};

struct ExceptionObj : Obj {
  explicit ExceptionObj(TypeObj* t) : Obj(Kind::exception, t) {}
  void trace(Tracer& t) override;
  Value args;  ///< tuple
  struct Frame {
    Value file, name;
    std::size_t line;
  };
  std::vector<Frame> traceback;  ///< innermost first
};

struct ModuleObj : Obj {
  ModuleObj(TypeObj* t, Value n, DictObj* g) : Obj(Kind::module, t), name(n), globals(g) {}
  void trace(Tracer& t) override;
  Value name;
  DictObj* globals;
};

/// property, staticmethod, classmethod: wrappers around functions.
struct WrapperObj : Obj {
  WrapperObj(Kind k, TypeObj* t, Value f) : Obj(k, t), fn(f) {}
  void trace(Tracer& t) override;
  Value fn, setter, deleter;
};

struct SuperObj : Obj {
  SuperObj(TypeObj* t, TypeObj* c, Value s) : Obj(Kind::super_obj, t), cls(c), self(s) {}
  void trace(Tracer& t) override;
  TypeObj* cls;
  Value self;
};

enum class IterKind : std::uint8_t {
  seq,
  str,
  bytes,
  range,
  dict_keys,
  dict_values,
  dict_items,
  set,
  map,
  zip,
  enumerate,
  filter,
  reversed,
  callable,
  getitem,
  deque,
};

/// Native iterators: a kind plus a few generic fields.
struct IterObj : Obj {
  IterObj(TypeObj* t, IterKind k, Value s) : Obj(Kind::iterator, t), ik(k), seq(s) {}
  void trace(Tracer& t) override;
  std::size_t footprint() const override { return 64 + values.capacity() * sizeof(Value); }
  IterKind ik;
  Value seq, fn;
  std::vector<Value> values;
  std::int64_t index = 0, stop = 0, step = 1;
};

enum class ViewKind : std::uint8_t { keys, values, items };

struct DictViewObj : Obj {
  DictViewObj(TypeObj* t, ViewKind k, Value d) : Obj(Kind::dict_view, t), vk(k), dict(d) {}
  void trace(Tracer& t) override;
  ViewKind vk;
  Value dict;
};

/// io.StringIO / io.BytesIO
struct StreamObj : Obj {
  StreamObj(Kind k, TypeObj* t) : Obj(k, t) {}
  std::size_t footprint() const override { return 48 + buffer.capacity(); }
  std::string buffer;
  std::size_t pos = 0;
};

struct ArrayObj : Obj {
  ArrayObj(TypeObj* t, char c) : Obj(Kind::array, t), typecode(c) {}
  std::size_t footprint() const override { return 48 + data.capacity(); }
  char typecode;
  std::vector<std::uint8_t> data;
};

struct DequeObj : Obj {
  explicit DequeObj(TypeObj* t) : Obj(Kind::deque, t) {}
  void trace(Tracer& t) override;
  std::vector<Value> items;
  std::size_t maxlen = 0;
};

inline void Tracer::mark(const Obj* o) {
  if (o) mark(Value::object(o));
}

}  // namespace cpy::vm
