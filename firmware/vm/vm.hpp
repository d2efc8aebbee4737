// The virtual machine: runtime state (types, modules, heap) and the object protocol used by the
// interpreter, the builtins and the modules. Python exceptions travel as a thrown PyRaise.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/vm/frame.hpp"
#include "firmware/vm/heap.hpp"
#include "firmware/vm/object.hpp"
#include "firmware/vm/value_stack.hpp"
#include "mpy/opcodes.hpp"

namespace cpy::vm {

using mpy::BinaryOp;
using mpy::UnaryOp;

/// Thrown to propagate a Python exception (an ExceptionObj value) through native code.
struct PyRaise {
  Value exc;
};

/// Thrown when VmConfig::poll_budget runs out: not a Python exception, so no handler can catch it.
struct VmAborted {};

/// Arguments of a native call: n_pos positional values, then n_kw (name, value) pairs.
struct Args {
  const Value* pos = nullptr;
  std::size_t n_pos = 0;
  const Value* kw = nullptr;
  std::size_t n_kw = 0;
  Value self;  ///< receiver of a method call (null for plain functions)

  /// Positional i, or null past the end (a method called with too few arguments then fails with a TypeError).
  Value operator[](std::size_t i) const { return i < n_pos ? pos[i] : Value(); }
  std::size_t size() const { return n_pos; }
  /// Positional i, or the keyword `name`, or `fallback`.
  Value get(std::size_t i, std::string_view name, Value fallback = {}) const;
  Value kwarg(std::string_view name) const;
};

/// What os.uname() reports (CircuitPython fills it from the firmware build).
struct Uname {
  std::string sysname = "cpytool";
  std::string nodename = "cpytool";
  std::string release = "10.2.0";
  std::string version = "10.2.0-cpytool";
  std::string machine = "cpytool virtual board with host";
};

struct VmConfig {
  std::size_t heap_bytes = k_default_heap_bytes;
  Uname uname;
  std::vector<std::string> search_paths;
  std::function<void(std::string_view)> write;  ///< stdout (and stderr: a board merges them)
  std::size_t c_stack_bytes = 2 * 1024 * 1024;  ///< native stack the VM may use below its entry point
  std::uint64_t poll_budget = 0;  ///< interrupt polls (one per ~64 jumps or calls) before VmAborted; 0 = none
};

/// What an import found: compiled (.mpy) or source code, or a namespace package (a folder without __init__).
struct ImportSource {
  enum class Kind { mpy, source, namespace_package };
  Kind kind = Kind::source;
  std::vector<std::uint8_t> code;
  std::string file;         ///< __file__; empty for a namespace package
  std::string package_dir;  ///< __path__ of a package (where its submodules are searched); empty for a module
};

/// Host services the VM needs; a board port supplies its own.
struct VmHost {
  virtual ~VmHost() = default;
  virtual std::uint64_t monotonic_ns();
  virtual std::uint64_t epoch_seconds();
  virtual void sleep_ns(std::uint64_t ns);
  /// Reads a file for import; false if it does not exist.
  virtual bool read_file(const std::string& path, std::vector<std::uint8_t>& out);
  /// Finds module `name` (one component) in the first of `dirs` that has it: a folder with __init__.py or
  /// __init__.mpy is a package, else name.py, else name.mpy, else a plain folder is a namespace package
  /// (CircuitPython 10.3's order).
  virtual std::optional<ImportSource> find_module(const std::vector<std::string>& dirs, std::string_view name);
};

class Vm {
 public:
  explicit Vm(VmConfig config, VmHost* host = nullptr);
  ~Vm();
  Vm(const Vm&) = delete;
  Vm& operator=(const Vm&) = delete;

  /// Runs a .mpy file as __main__; prints an uncaught exception's traceback. Returns the exit status.
  int run_mpy(std::span<const std::uint8_t> bytes, std::string_view name);
  /// Runs Python source (needs the compiler); same result convention as run_mpy.
  int run_source(std::string_view text, std::string_view name);
  /// Asks running code to raise KeyboardInterrupt (safe from a signal handler).
  void request_interrupt() { m_interrupt.store(true); }

  // ---- output ----
  void write(std::string_view text);
  void print_exception(Value exc, Value stream = {});

  // ---- values ----
  Value none() const { return m_none; }
  Value boolean(bool b) const { return b ? m_true : m_false; }
  Value int_value(std::int64_t v);
  Value int_value(const BigInt& v);
  Value float_value(double d);
  Value complex_value(double re, double im);
  Value str(std::string s);
  Value bytes(std::vector<std::uint8_t> data, Kind kind = Kind::bytes);
  Value tuple(const RootVec& items) { return tuple_from(items.data(), items.size()); }
  Value tuple(const std::vector<Value>& items) { return tuple_from(items.data(), items.size()); }
  Value tuple(std::initializer_list<Value> items) { return tuple_from(items.begin(), items.size()); }
  Value tuple_from(const Value* items, std::size_t n);
  Value list(const RootVec& items) { return list_from(items.data(), items.size()); }
  Value list(const std::vector<Value>& items) { return list_from(items.data(), items.size()); }
  Value list(std::initializer_list<Value> items) { return list_from(items.begin(), items.size()); }
  Value list_from(const Value* items, std::size_t n);
  Value dict();
  Value set(Kind kind = Kind::set);
  Value native_fn(std::string_view name, NativeFn fn, Value self = {});
  Value qstr(std::string_view s);  ///< interned-like str (cached)

  // ---- type queries ----
  TypeObj* type_of(Value v) const;
  bool is_instance(Value v, const TypeObj* t) const;
  static bool is_subtype(const TypeObj* t, const TypeObj* base);
  bool is_int(Value v) const;  ///< int or bool
  bool is_str(Value v) const { return v.is_obj() && v.obj()->kind == Kind::str; }
  std::int64_t to_int(Value v);  ///< TypeError/OverflowError if not a machine int
  BigInt to_bigint(Value v);
  double to_float(Value v);            ///< int, bool, float
  const std::string& to_str(Value v);  ///< TypeError if not str
  std::string_view type_name(Value v) const;
  bool is_exception_type(Value v) const;

  // ---- protocol ----
  bool truthy(Value v);
  std::string repr(Value v);
  std::string to_text(Value v);  ///< str()
  std::uint64_t hash(Value v);
  bool equal(Value a, Value b);
  Value binary_op(BinaryOp op, Value a, Value b);
  Value unary_op(UnaryOp op, Value a);
  bool less(Value a, Value b) { return truthy(binary_op(BinaryOp::less, a, b)); }
  bool contains(Value container, Value item);

  Value getattr(Value obj, std::string_view name);
  Value getattr_opt(Value obj, std::string_view name);  ///< null if missing
  void setattr(Value obj, std::string_view name, Value v);
  // The same with the name as an interned str (a qstr of loaded code): found by identity, no hashing.
  Value getattr(Value obj, Value qname);
  void setattr(Value obj, Value qname, Value v);
  void load_method(Value obj, Value qname, Value* out);
  void delattr(Value obj, std::string_view name);
  /// Method lookup without allocating: sets out[0] = function, out[1] = self (or null).
  void load_method(Value obj, std::string_view name, Value* out, bool must_exist = true);
  Value lookup_special(Value obj, std::string_view name);  ///< bound special method from the class, or null

  Value call(Value fn, std::size_t n_pos, std::size_t n_kw, const Value* args);
  Value call(Value fn, std::initializer_list<Value> args) { return call(fn, args.size(), 0, args.begin()); }
  Value call_method(Value obj, std::string_view name, std::initializer_list<Value> args);
  Value call_with_self(Value fn, Value self, std::size_t n_pos, std::size_t n_kw, const Value* args);

  Value get_iter(Value v);
  Value iter_next(Value it);  ///< null when exhausted
  RootVec to_vector(Value iterable);
  Value subscr(Value obj, Value index);
  void store_subscr(Value obj, Value index, Value v);
  void delete_subscr(Value obj, Value index);
  std::size_t len(Value v);

  // ---- dict/set tables ----
  Value* table_find(HashTable& t, Value key);
  void table_store(HashTable& t, Value key, Value value);
  bool table_remove(HashTable& t, Value key, Value* removed = nullptr);
  Value* dict_find_str(DictObj* d, std::string_view key);
  Value* dict_find_qstr(DictObj* d, Value key);  ///< key: a str object (its cached hash is used)
  void dict_store_qstr(DictObj* d, Value key, Value v);
  void dict_store_str(DictObj* d, std::string_view key, Value v);
  DictObj* dict_of(Value v) const { return static_cast<DictObj*>(v.obj()); }

  // ---- exceptions ----
  Value make_exception(TypeObj* type, std::string_view message);
  Value make_exception_args(TypeObj* type, const RootVec& args) {
    return make_exception_from(type, args.data(), args.size());
  }
  Value make_exception_args(TypeObj* type, std::initializer_list<Value> args) {
    return make_exception_from(type, args.begin(), args.size());
  }
  Value make_exception_from(TypeObj* type, const Value* args, std::size_t n);
  [[noreturn]] void raise(TypeObj* type, std::string_view message);
  [[noreturn]] void raise_value(Value exc_or_type);
  [[noreturn]] void raise_type_error_unsupported(std::string_view op, Value a, Value b);
  Value exception_arg0(Value exc);

  // ---- classes and functions ----
  TypeObj* make_type(std::string name, Kind instance_kind, TypeObj* base);
  Value build_class(Value body, Value name, std::span<const Value> bases, Value metaclass);
  void add_method(TypeObj* t, std::string_view name, NativeFn fn);
  void add_static(TypeObj* t, std::string_view name, NativeFn fn);
  void add_classmethod(TypeObj* t, std::string_view name, NativeFn fn);
  void add_attr(TypeObj* t, std::string_view name, Value v);
  Value class_lookup(const TypeObj* t, std::string_view name) const;  ///< through the MRO, null if missing
  Value class_lookup(const TypeObj* t, Value qname);                  ///< the same by interned str

  // ---- modules ----
  Value import_module(std::string_view name, Value fromlist, int level);
  ModuleObj* new_module(std::string_view name);
  void register_builtin_module(std::string_view name, void (*init)(Vm&, ModuleObj*));
  std::vector<std::string> builtin_module_names() const;
  DictObj* builtins() const { return m_builtins; }
  DictObj* modules_dict() const { return m_modules; }
  /// Compiles Python source into module code (needs mpycross); ImportError-free failure raises SyntaxError.
  Value compile_source(std::span<const std::uint8_t> text, std::string_view name);
  ModuleObj* sys_module() const { return m_sys; }
  Value load_code(std::span<const std::uint8_t> bytes, std::string_view name);  ///< module code object
  Value run_module_code(CodeObj* code, ModuleObj* module);

  // ---- execution ----
  enum class ExecStatus : std::uint8_t { returned, yielded };
  ExecStatus execute(Frame& frame, Value& result, Value throw_value);
  Value call_function(FunctionObj* fn, std::size_t n_pos, std::size_t n_kw, const Value* args, Value self = {},
                      DictObj* locals = nullptr);
  /// Fills the locals of a new activation from call arguments (raises TypeError on a mismatch).
  void bind_arguments(Frame& f, FunctionObj* fn, std::size_t n_pos, std::size_t n_kw, const Value* args, Value self);
  ExecStatus run_frame(Frame& f, Value& result, Value& inject);
  bool catch_in_frame(Frame& f, Value exc);
  std::size_t line_of(const CodeObj* code, std::uint32_t offset) const;
  Value make_function(CodeObj* code, DictObj* globals, const Value* closure, std::size_t n_closed, Value defaults,
                      Value kw_defaults);
  Value generator_resume(Value gen, Value send, Value throw_value, bool& yielded);
  void check_interrupt();
  /// RuntimeError when native recursion (repr of a self-containing list, deep calls) nears the C stack end.
  void check_stack();
  Frame* current_frame() const { return m_frame; }

  Heap& heap() { return m_heap; }
  VmHost& host() { return *m_host; }
  const VmConfig& config() const { return m_config; }
  void trace_roots(Tracer& t);

  // Built-in types (owned by the heap, rooted by the VM).
  TypeObj *t_type, *t_object, *t_none, *t_bool, *t_int, *t_float, *t_complex, *t_str, *t_bytes, *t_bytearray,
      *t_memoryview, *t_tuple, *t_list, *t_dict, *t_set, *t_frozenset, *t_range, *t_slice, *t_function,
      *t_native_function, *t_bound_method, *t_cell, *t_module, *t_property, *t_staticmethod, *t_classmethod,
      *t_generator, *t_coroutine, *t_iterator, *t_dict_view, *t_code, *t_super, *t_ellipsis, *t_not_implemented,
      *t_enumerate, *t_zip, *t_map, *t_filter, *t_reversed, *t_string_io, *t_bytes_io, *t_array, *t_deque,
      *t_module_data;
  // Exception types.
  TypeObj *e_base, *e_system_exit, *e_keyboard_interrupt, *e_generator_exit, *e_exception, *e_stop_iteration,
      *e_stop_async_iteration, *e_arithmetic, *e_overflow, *e_zero_division, *e_assertion, *e_attribute, *e_eof,
      *e_import, *e_lookup, *e_index, *e_key, *e_memory, *e_name, *e_os, *e_runtime, *e_not_implemented, *e_syntax,
      *e_indentation, *e_type, *e_value, *e_unicode, *e_timeout, *e_connection, *e_broken_pipe, *e_reload;

  Value m_none, m_true, m_false, m_ellipsis, m_not_implemented;

 private:
  friend struct Interp;
  void init_types();
  void init_builtins();
  void init_modules();
  int run_main(Value code);
  Value call_type(TypeObj* t, std::size_t n_pos, std::size_t n_kw, const Value* args);
  Value instance_getattr(Value obj, std::string_view name, bool for_method, Value* method_out);

  VmConfig m_config;
  VmHost m_default_host;
  VmHost* m_host;
  Heap m_heap;
  ValueStack m_frame_slots{64 * 1024};  ///< locals and value stacks of the active calls
  std::vector<TypeObj*> m_all_types;
  DictObj* m_builtins = nullptr;
  DictObj* m_modules = nullptr;  ///< sys.modules
  DictObj* m_qstr_cache = nullptr;
  ModuleObj* m_sys = nullptr;
  std::vector<std::pair<std::string, void (*)(Vm&, ModuleObj*)>> m_builtin_modules;
  Value m_memory_error;          ///< preallocated, raised when the heap is full
  Value m_q_class, m_q_setattr;  ///< interned names the attribute fast paths compare with
  Frame* m_frame = nullptr;
  int m_depth = 0;
  std::atomic<bool> m_interrupt{false};
  bool m_in_interrupt = false;
  std::uint64_t m_polls = 0;

  friend Frame* push_frame(Vm&, Frame*);
  friend class FrameGuard;
};

/// Makes `frame` the current one for the lifetime of the guard.
class FrameGuard {
 public:
  FrameGuard(Vm& vm, Frame* f);
  ~FrameGuard();
  FrameGuard(const FrameGuard&) = delete;
  FrameGuard& operator=(const FrameGuard&) = delete;

 private:
  Vm& m_vm;
};

}  // namespace cpy::vm
