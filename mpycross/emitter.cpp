// Bytecode emitter: every instruction's stack effect comes from mpy/opcodes.hpp.
#include "mpycross/emitter.hpp"

#include <cstring>
#include <functional>
#include <optional>

#include "mpy/line_table.hpp"
#include "mpy/prelude.hpp"

namespace cpy::mpycross {

using mpy::Op;

std::uint32_t EmitTables::use_qstr(const std::string& text) {
  auto it = m_qstr_index.find(text);
  if (it != m_qstr_index.end()) return it->second;
  auto index = static_cast<std::uint32_t>(m_qstrs.size());
  m_qstrs.push_back(text);
  m_qstr_index.emplace(text, index);
  return index;
}

namespace {

/// A hash that agrees with strictly_equal(): equal constants hash alike.
std::size_t const_hash(const Obj& o) {
  std::size_t h = static_cast<std::size_t>(o.type);
  const auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  switch (o.type) {
    case Obj::Type::str:
    case Obj::Type::bytes:
      mix(std::hash<std::string>{}(o.text));
      break;
    case Obj::Type::int_: {
      auto small = o.i.to_int64();
      mix(small ? std::hash<std::int64_t>{}(*small) : std::hash<std::string>{}(o.i.to_string()));
      break;
    }
    case Obj::Type::float_:
    case Obj::Type::complex_: {
      std::uint64_t bits = 0;
      std::memcpy(&bits, &o.f, sizeof bits);
      mix(std::hash<std::uint64_t>{}(bits));
      break;
    }
    case Obj::Type::tuple:
      for (const Obj& item : o.items) mix(const_hash(item));
      break;
    default:
      break;
  }
  return h;
}

}  // namespace

std::uint32_t EmitTables::use_const(const Obj& obj, const void* identity) {
  std::optional<std::uint32_t> found;
  if (identity != nullptr) {
    auto it = m_identity_index.find(identity);
    if (it != m_identity_index.end()) found = it->second;
  }
  const std::size_t hash = const_hash(obj);
  auto& same_hash = m_const_index[hash];
  for (std::uint32_t index : same_hash) {
    if (found && index >= *found) break;
    if (strictly_equal(m_consts[index], obj)) {
      found = index;
      break;
    }
  }
  if (found) return *found;
  const auto index = static_cast<std::uint32_t>(m_consts.size());
  m_consts.push_back(obj);
  same_hash.push_back(index);
  if (identity != nullptr) m_identity_index.emplace(identity, index);
  return index;
}

void Emitter::start_pass(Pass pass, Scope& scope, int num_labels) {
  m_pass = pass;
  m_scope = &scope;
  m_stack = 0;
  m_suppress = false;
  m_last_line = 1;
  m_last_line_offset = 0;
  m_info.clear();
  m_code.clear();
  m_children.clear();
  if (pass == Pass::scope || pass == Pass::stack_size) m_overflow = false;
  if (static_cast<int>(m_labels.size()) < num_labels) m_labels.resize(static_cast<std::size_t>(num_labels), 0);

  mpy::Prelude prelude;
  int n_state = scope.num_locals + scope.stack_size;
  prelude.n_state = static_cast<std::uint32_t>(n_state == 0 ? 1 : n_state);
  prelude.n_exc_stack = static_cast<std::uint32_t>(scope.exc_stack_size);
  prelude.scope_flags = static_cast<std::uint8_t>(scope.flags & 0x1F);
  prelude.n_pos_args = static_cast<std::uint32_t>(scope.num_pos_args);
  prelude.n_kwonly_args = static_cast<std::uint32_t>(scope.num_kwonly_args);
  prelude.n_def_pos_args = static_cast<std::uint32_t>(scope.num_def_pos_args);
  prelude.n_info = m_n_info;
  prelude.n_cell = m_n_cell;
  mpy::encode_prelude_signature(m_info, prelude);
  if (pass >= Pass::code_size) mpy::encode_prelude_size(m_info, prelude);
  m_info_start = m_info.size();
  mpy::encode_vuint(m_info, m_tables.use_qstr(scope.simple_name));
  for (int i = 0; i < scope.num_pos_args + scope.num_kwonly_args; ++i) {
    std::string name = "*";
    for (const IdInfo& id : scope.ids) {
      if ((id.flags & k_id_param) && id.local_num == i) {
        name = id.name;
        break;
      }
    }
    mpy::encode_vuint(m_info, m_tables.use_qstr(name));
  }
}

bool Emitter::end_pass() {
  if (m_pass == Pass::scope) return true;
  m_n_info = static_cast<std::uint32_t>(m_info.size() - m_info_start);
  m_n_cell = 0;
  for (const IdInfo& id : m_scope->ids) {
    if (id.kind != IdKind::cell) continue;
    if (id.local_num > 255) m_cell_overflow = true;
    m_info.push_back(static_cast<std::uint8_t>(id.local_num));
    ++m_n_cell;
  }
  if (m_pass == Pass::code_size) {
    m_info_size = m_info.size();
    m_code_size = m_code.size();
  } else if (m_pass == Pass::emit) {
    if (m_info.size() != m_info_size || m_code.size() != m_code_size) {
      m_info_size = m_info.size();
      m_code_size = m_code.size();
      return false;
    }
  }
  return true;
}

std::vector<std::uint8_t> Emitter::fun_data() const {
  std::vector<std::uint8_t> out = m_info;
  out.insert(out.end(), m_code.begin(), m_code.end());
  return out;
}

void Emitter::set_source_line(int line) {
  if (m_opt_level >= 3 || line <= m_last_line) return;
  mpy::encode_line_advance(m_info, m_code.size() - m_last_line_offset, static_cast<std::size_t>(line - m_last_line));
  m_last_line_offset = m_code.size();
  m_last_line = line;
}

void Emitter::label_assign(int label) {
  m_suppress = false;
  if (m_pass == Pass::scope) return;
  m_labels[static_cast<std::size_t>(label)] = static_cast<int>(m_code.size());
}

void Emitter::adjust_stack(int delta) {
  if (m_pass == Pass::scope) return;
  m_stack += delta;
  if (m_stack > m_scope->stack_size) m_scope->stack_size = m_stack;
}

void Emitter::op_byte(std::uint8_t byte) {
  const mpy::OpcodeInfo* info = mpy::opcode_info(byte);
  adjust_stack(mpy::stack_effect(*info, 0));
  if (!m_suppress) write(byte);
}

void Emitter::op(Op op) {
  op_byte(static_cast<std::uint8_t>(op));
  if (op == Op::RETURN_VALUE || op == Op::RAISE_LAST || op == Op::RAISE_OBJ || op == Op::RAISE_FROM) {
    m_suppress = true;
  }
}

void Emitter::op_uint(Op op, std::uint64_t n) {
  const mpy::OpcodeInfo* info = mpy::opcode_info(static_cast<std::uint8_t>(op));
  adjust_stack(mpy::stack_effect(*info, n));
  if (m_suppress) return;
  write(static_cast<std::uint8_t>(op));
  mpy::encode_vuint(m_code, n);
}

void Emitter::op_qstr(Op op, const std::string& name) { op_uint(op, m_tables.use_qstr(name)); }

void Emitter::raw_byte(std::uint8_t byte) {
  if (!m_suppress) write(byte);
}

void Emitter::op_jump(Op op, int label) {
  const mpy::OpcodeInfo* info = mpy::opcode_info(static_cast<std::uint8_t>(op));
  adjust_stack(mpy::stack_effect(*info, 0));
  if (m_suppress) return;
  if (m_pass < Pass::code_size) {
    write(static_cast<std::uint8_t>(op));
    write(0);
    write(0);
    return;
  }
  const auto sign = mpy::jump_sign(info->operand);
  int delta = m_labels[static_cast<std::size_t>(label)] - static_cast<int>(m_code.size()) - 2;
  write(static_cast<std::uint8_t>(op));
  if (mpy::encode_jump(m_code, mpy::JumpSize::short_form, sign, delta)) return;
  if (!mpy::encode_jump(m_code, mpy::JumpSize::long_form, sign, delta - 1)) {
    if (m_pass == Pass::emit) m_overflow = true;
    write(0);
    write(0);
  }
}

void Emitter::load_const_tok(Tok tok) {
  switch (tok) {
    case Tok::kw_none:
      op(Op::LOAD_CONST_NONE);
      break;
    case Tok::kw_true:
      op(Op::LOAD_CONST_TRUE);
      break;
    case Tok::kw_false:
      op(Op::LOAD_CONST_FALSE);
      break;
    default:
      load_const_obj(Obj::make(Obj::Type::ellipsis));
      break;
  }
}

void Emitter::load_small_int(std::int64_t v) {
  if (mpy::fits_small_int_multi(v)) {
    op_byte(mpy::small_int_multi_byte(static_cast<int>(v)));
    return;
  }
  adjust_stack(1);
  if (m_suppress) return;
  write(static_cast<std::uint8_t>(Op::LOAD_CONST_SMALL_INT));
  mpy::encode_signed_varint(m_code, v);
}

void Emitter::load_const_obj(const Obj& obj, const void* identity) {
  op_uint(Op::LOAD_CONST_OBJ, m_tables.use_const(obj, identity));
}

void Emitter::load_fast(int slot) {
  if (slot < mpy::k_fast_multi_slots) {
    op_byte(mpy::load_fast_multi_byte(slot));
  } else {
    op_uint(Op::LOAD_FAST_N, static_cast<std::uint64_t>(slot));
  }
}

void Emitter::store_fast(int slot) {
  if (slot < mpy::k_fast_multi_slots) {
    op_byte(mpy::store_fast_multi_byte(slot));
  } else {
    op_uint(Op::STORE_FAST_N, static_cast<std::uint64_t>(slot));
  }
}

void Emitter::make_function(int child_scope, int n_closed, bool has_defaults) {
  auto child = static_cast<std::uint64_t>(m_children.size());
  m_children.push_back(child_scope);
  if (n_closed == 0) {
    op_uint(has_defaults ? Op::MAKE_FUNCTION_DEFARGS : Op::MAKE_FUNCTION, child);
    return;
  }
  Op op = has_defaults ? Op::MAKE_CLOSURE_DEFARGS : Op::MAKE_CLOSURE;
  const mpy::OpcodeInfo* info = mpy::opcode_info(static_cast<std::uint8_t>(op));
  adjust_stack(mpy::stack_effect(*info, child, static_cast<std::uint8_t>(n_closed)));
  if (m_suppress) return;
  write(static_cast<std::uint8_t>(op));
  mpy::encode_vuint(m_code, child);
  write(static_cast<std::uint8_t>(n_closed));
}

void Emitter::call(bool method, int n_pos, int n_kw, bool star) {
  Op op = method ? (star ? Op::CALL_METHOD_VAR_KW : Op::CALL_METHOD)
                 : (star ? Op::CALL_FUNCTION_VAR_KW : Op::CALL_FUNCTION);
  // The stack effect uses the real counts: more than 255 positional arguments overflow the packed operand.
  adjust_stack(mpy::opcode_info(static_cast<std::uint8_t>(op))->delta - n_pos - 2 * n_kw);
  if (m_suppress) return;
  write(static_cast<std::uint8_t>(op));
  mpy::encode_vuint(m_code, static_cast<std::uint64_t>(n_pos) + (static_cast<std::uint64_t>(n_kw) << 8));
}

void Emitter::unwind_jump(int label, bool from_for, int depth) {
  if (depth == 0) {
    if (from_for) {
      for (int i = 0; i < 4; ++i) raw_byte(static_cast<std::uint8_t>(Op::POP_TOP));
    }
    op_jump(Op::JUMP, label);
  } else {
    op_jump(Op::UNWIND_JUMP, label);
    raw_byte(static_cast<std::uint8_t>((from_for ? 0x80 : 0) | depth));
  }
  m_suppress = true;
}

}  // namespace cpy::mpycross
