// Turns a .mpy file (read and checked by mpy/reader) into code objects, and runs module code.
#include "firmware/vm/float_format.hpp"
#include "firmware/vm/stack_check.hpp"
#include "firmware/vm/vm.hpp"
#include "mpy/reader.hpp"

namespace cpy::vm {

namespace {

Value constant_value(Vm& vm, const mpy::Constant& c) {
  using mpy::ConstantKind;
  switch (c.kind) {
    case ConstantKind::none:
      return vm.none();
    case ConstantKind::false_:
      return vm.boolean(false);
    case ConstantKind::true_:
      return vm.boolean(true);
    case ConstantKind::ellipsis:
      return vm.m_ellipsis;
    case ConstantKind::str:
      return vm.str(c.text);
    case ConstantKind::bytes:
      return vm.bytes(std::vector<std::uint8_t>(c.text.begin(), c.text.end()));
    case ConstantKind::int_: {
      std::string_view t = c.text;
      bool neg = !t.empty() && t[0] == '-';
      if (neg) t.remove_prefix(1);
      auto v = BigInt::parse(t, 10);
      if (!v) vm.raise(vm.e_value, "invalid int constant in .mpy");
      return vm.int_value(neg ? -*v : *v);
    }
    case ConstantKind::float_: {
      auto d = parse_float(c.text);
      if (!d) vm.raise(vm.e_value, "invalid float constant in .mpy");
      return vm.float_value(*d);
    }
    case ConstantKind::complex: {
      std::string_view t = c.text;
      if (!t.empty() && (t.back() == 'j' || t.back() == 'J')) t.remove_suffix(1);
      auto d = parse_float(t);
      if (!d) vm.raise(vm.e_value, "invalid complex constant in .mpy");
      return vm.complex_value(0, *d);
    }
    case ConstantKind::tuple: {
      RootVec items;
      for (const auto& item : c.items) items.push_back(constant_value(vm, item));
      return vm.tuple(std::move(items));
    }
  }
  return vm.none();
}

CodeObj* make_code(Vm& vm, ModuleData* data, const mpy::RawCode& rc) {
  auto* code = vm.heap().make<CodeObj>(vm.t_code);
  code->data = data;
  const auto& p = rc.prelude;
  code->n_state = std::max<std::uint32_t>(p.n_state, 1);
  code->n_exc_stack = p.n_exc_stack;
  code->flags = p.scope_flags;
  code->n_pos = p.n_pos_args;
  code->n_kwonly = p.n_kwonly_args;
  code->n_def = p.n_def_pos_args;
  code->name = data->qstrs.at(rc.simple_name);
  for (auto q : rc.arg_names) code->arg_names.push_back(data->qstrs.at(q));
  code->line_table = rc.line_table;
  code->cells = rc.cells;
  code->bytecode.assign(rc.code(), rc.code() + rc.code_size());
  if (std::string problem = check_stack_use(code->bytecode, code->n_state); !problem.empty())
    vm.raise(vm.e_value, "invalid .mpy: " + problem);
  code->bytecode.push_back(0);  // an invalid opcode: running off the end raises instead of reading past it
  for (const auto& child : rc.children) code->children.push_back(make_code(vm, data, child));
  return code;
}

}  // namespace

Value Vm::load_code(std::span<const std::uint8_t> bytes, std::string_view name) {
  auto file = mpy::read_mpy(bytes);
  if (!file) raise(e_value, std::string(name) + ": " + file.error().message);
  if (file->header.is_micropython()) raise(e_value, std::string(mpy::k_micropython_refusal));
  auto* data = m_heap.make<ModuleData>(t_module_data);
  Value keep = Value::object(data);
  for (const auto& q : file->qstrs) data->qstrs.push_back(qstr(q));
  data->source_name = data->qstrs.empty() ? str(std::string(name)) : data->qstrs[0];
  for (const auto& c : file->constants) data->consts.push_back(constant_value(*this, c));
  CodeObj* code = make_code(*this, data, file->module);
  (void)keep;
  return Value::object(code);
}

Value Vm::run_module_code(CodeObj* code, ModuleObj* module) {
  Value fn = make_function(code, module->globals, nullptr, 0, Value(), Value());
  return call_function(static_cast<FunctionObj*>(fn.obj()), 0, 0, nullptr);
}

ModuleObj* Vm::new_module(std::string_view name) {
  auto* globals = static_cast<DictObj*>(dict().obj());
  Value n = str(std::string(name));
  dict_store_str(globals, "__name__", n);
  return m_heap.make<ModuleObj>(t_module, n, globals);
}

void Vm::print_exception(Value exc, Value stream) {
  std::string out;
  auto* e = static_cast<ExceptionObj*>(exc.obj());
  if (!e->traceback.empty()) {
    out += "Traceback (most recent call last):\n";
    for (auto it = e->traceback.rbegin(); it != e->traceback.rend(); ++it) {
      out += "  File \"" + to_text(it->file) + "\", line " + std::to_string(it->line);
      out += it->name ? ", in " + to_text(it->name) + "\n" : std::string("\n");
    }
  }
  out += type_of(exc)->name;
  std::string msg = to_text(exc);
  if (!msg.empty() || static_cast<SeqObj*>(e->args.obj())->items.size() > 0) out += ": " + msg;
  out += "\n";
  if (stream && stream != m_none) {
    call_method(stream, "write", {str(out)});
  } else {
    write(out);
  }
}

int Vm::run_main(Value code) {
  ModuleObj* main = new_module("__main__");
  dict_store_str(m_modules, "__main__", Value::object(main));
  try {
    run_module_code(static_cast<CodeObj*>(code.obj()), main);
  } catch (PyRaise& r) {
    if (is_instance(r.exc, e_system_exit)) {
      Value arg = exception_arg0(r.exc);
      if (arg == m_none) return 0;
      if (is_int(arg)) return static_cast<int>(to_int(arg));
      write(to_text(arg) + "\n");
      return 1;
    }
    print_exception(r.exc);
    return 1;
  }
  return 0;
}

int Vm::run_mpy(std::span<const std::uint8_t> bytes, std::string_view name) {
  volatile char bottom = 0;
  m_heap.set_stack_bottom(const_cast<const char*>(&bottom) + 256);
  try {
    Value code = load_code(bytes, name);
    return run_main(code);
  } catch (PyRaise& r) {
    print_exception(r.exc);
    return 1;
  }
}

}  // namespace cpy::vm
