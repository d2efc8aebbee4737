// Bytecode emitter for one scope at a time: the reference's pass structure, stack accounting from the
// opcode table, jump sizing (§5.6), dead-code suppression (§5.7), prelude and line table (§3).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "mpy/opcodes.hpp"
#include "mpycross/parse_node.hpp"
#include "mpycross/scope.hpp"

namespace cpy::mpycross {

enum class Pass : std::uint8_t { scope = 1, stack_size, code_size, emit };

/// The file-wide qstr and constant tables, filled in order of first use (§5.3, §5.4).
class EmitTables {
 public:
  explicit EmitTables(std::string source_name) { use_qstr(source_name); }
  std::uint32_t use_qstr(const std::string& text);
  /// `identity` (the parse node's object) makes the same object match itself even when it is a NaN.
  std::uint32_t use_const(const Obj& obj, const void* identity = nullptr);
  const std::vector<std::string>& qstrs() const { return m_qstrs; }
  const std::vector<Obj>& consts() const { return m_consts; }

 private:
  std::vector<std::string> m_qstrs;
  std::unordered_map<std::string, std::uint32_t> m_qstr_index;
  std::vector<Obj> m_consts;
  // Both keep indices in order of first use, so a lookup finds the first matching constant like a linear scan.
  std::unordered_map<std::size_t, std::vector<std::uint32_t>> m_const_index;  ///< by const_hash()
  std::unordered_map<const void*, std::uint32_t> m_identity_index;
};

class Emitter {
 public:
  Emitter(EmitTables& tables, int opt_level) : m_tables(tables), m_opt_level(opt_level) {}

  void start_pass(Pass pass, Scope& scope, int num_labels);
  /// False if another EMIT pass is needed because sizes changed.
  bool end_pass();
  Pass pass() const { return m_pass; }
  bool suppressed() const { return m_suppress; }
  /// Following code is unreachable until the next label (after a jump, return or raise).
  void suppress() { m_suppress = true; }
  bool overflowed() const { return m_overflow; }
  /// A cell whose slot does not fit in one byte (the reference aborts on an assertion).
  bool cell_overflow() const { return m_cell_overflow; }
  std::vector<std::uint8_t> fun_data() const;
  const std::vector<int>& children() const { return m_children; }

  void set_source_line(int line);
  void label_assign(int label);
  void adjust_stack(int delta);

  void op(mpy::Op op);
  void op_byte(std::uint8_t byte);
  void op_uint(mpy::Op op, std::uint64_t n);
  void op_qstr(mpy::Op op, const std::string& name);
  void op_jump(mpy::Op op, int label);
  void raw_byte(std::uint8_t byte);

  void load_const_tok(Tok tok);
  void load_small_int(std::int64_t v);
  void load_const_obj(const Obj& obj, const void* identity = nullptr);
  void load_fast(int slot);
  void store_fast(int slot);
  void make_function(int child_scope, int n_closed, bool has_defaults);
  void call(bool method, int n_pos, int n_kw, bool star);
  void unwind_jump(int label, bool from_for, int depth);
  void binary_op(mpy::BinaryOp op) { op_byte(mpy::binary_op_byte(op)); }
  void unary_op(mpy::UnaryOp op) { op_byte(mpy::unary_op_byte(op)); }

 private:
  void write(std::uint8_t byte) { m_code.push_back(byte); }

  EmitTables& m_tables;
  int m_opt_level;
  Pass m_pass = Pass::scope;
  Scope* m_scope = nullptr;
  int m_stack = 0;
  bool m_suppress = false;
  bool m_overflow = false;
  bool m_cell_overflow = false;
  int m_last_line = 1;
  std::size_t m_last_line_offset = 0;
  std::vector<std::uint8_t> m_info;
  std::vector<std::uint8_t> m_code;
  std::vector<int> m_labels;
  std::vector<int> m_children;
  std::size_t m_info_start = 0;
  std::uint32_t m_n_info = 0, m_n_cell = 0;
  std::size_t m_info_size = 0, m_code_size = 0;
};

}  // namespace cpy::mpycross
