// Disassembler: decodes raw codes into DisFunction records and renders them as text.
#include "mpy/disasm.hpp"

#include <array>
#include <string_view>

#include "mpy/instruction.hpp"
#include "mpy/qstr_static.hpp"
#include "mpy/reader.hpp"
#include "mpy/writer.hpp"

namespace cpy::mpy {
namespace {

constexpr std::array<std::string_view, k_unary_op_count> k_unary_names = {"+", "-", "~", "not"};
constexpr std::array<std::string_view, k_binary_op_count> k_binary_names = {
    "<",   ">",  "==", "<=",  ">=",  "!=", "in", "is", "exception match",
    "|=",  "^=", "&=", "<<=", ">>=", "+=", "-=", "*=", "@=",
    "//=", "/=", "%=", "**=", "|",   "^",  "&",  "<<", ">>",
    "+",   "-",  "*",  "@",   "//",  "/",  "%",  "**"};

std::string hex2(unsigned v) {
  constexpr char k_digits[] = "0123456789abcdef";
  return {k_digits[(v >> 4) & 0xF], k_digits[v & 0xF]};
}

const char* constant_type_name(ConstantKind kind) {
  switch (kind) {
    case ConstantKind::none:
      return "none";
    case ConstantKind::false_:
      return "false";
    case ConstantKind::true_:
      return "true";
    case ConstantKind::ellipsis:
      return "ellipsis";
    case ConstantKind::str:
      return "str";
    case ConstantKind::bytes:
      return "bytes";
    case ConstantKind::int_:
      return "int";
    case ConstantKind::float_:
      return "float";
    case ConstantKind::complex:
      return "complex";
    case ConstantKind::tuple:
      return "tuple";
  }
  return "?";
}

class FunctionBuilder {
 public:
  FunctionBuilder(const MpyFile& file) : m_file(file) {}

  std::optional<MpyError> build(const RawCode& rc, std::string path, DisFunction& out);

 private:
  std::string qstr_text(std::uint64_t index) const {
    return index < m_file.qstrs.size() ? m_file.qstrs[index] : "<qstr " + std::to_string(index) + ">";
  }
  std::string operand_text(const RawCode& rc, const Instruction& ins) const;

  const MpyFile& m_file;
};

std::string FunctionBuilder::operand_text(const RawCode& rc, const Instruction& ins) const {
  const auto n = static_cast<std::uint64_t>(ins.arg);
  switch (ins.info->operand) {
    case OperandKind::none:
      return {};
    case OperandKind::qstr:
      return python_str_repr(qstr_text(n));
    case OperandKind::const_index:
      return "#" + std::to_string(n) + " " + (n < m_file.constants.size() ? constant_repr(m_file.constants[n]) : "?");
    case OperandKind::child_index: {
      std::string text = "child " + std::to_string(n);
      if (n < rc.children.size() && rc.children[n].simple_name < m_file.qstrs.size()) {
        text += " (" + m_file.qstrs[rc.children[n].simple_name] + ")";
      }
      if (ins.info->extra_bytes) text += " n_closed=" + std::to_string(ins.extra);
      return text;
    }
    case OperandKind::jump_signed:
    case OperandKind::jump_unsigned: {
      std::string text = "-> " + std::to_string(ins.target);
      if (ins.info->extra_bytes) {
        text += " unwind=" + std::to_string(ins.extra & 0x7F) + ((ins.extra & 0x80) ? " (for)" : "");
      }
      return text;
    }
    case OperandKind::unary_multi:
      return std::string(k_unary_names[n]);
    case OperandKind::binary_multi:
      return std::string(k_binary_names[n]);
    case OperandKind::uint:
      if (ins.info->rule == StackRule::call || ins.info->rule == StackRule::unpack_ex) {
        return std::to_string(n & 0xFF) + (ins.info->rule == StackRule::call ? " n_kw=" : " right=") +
               std::to_string(n >> 8);
      }
      return std::to_string(n);
    default:
      return std::to_string(ins.arg);
  }
}

std::optional<MpyError> FunctionBuilder::build(const RawCode& rc, std::string path, DisFunction& out) {
  out.name = qstr_text(rc.simple_name);
  out.path = std::move(path);
  out.prelude = rc.prelude;
  for (auto q : rc.arg_names) out.arg_names.push_back(qstr_text(q));
  out.cells = rc.cells;
  out.lines = decode_line_table(rc.line_table).value_or(std::vector<LineEntry>{});
  out.fun_data_size = rc.fun_data.size();
  out.code_offset = rc.code_offset;
  const std::span<const std::uint8_t> code(rc.code(), rc.code_size());
  std::size_t line_index = 0;
  std::uint32_t line = 1;
  for (std::size_t off = 0; off < code.size();) {
    InstructionProblem problem{};
    const auto ins = decode_instruction(code, off, problem);
    if (!ins)
      return MpyError{off, "cannot decode instruction at bytecode offset " + std::to_string(off) + " of " + out.name};
    while (line_index < out.lines.size() && out.lines[line_index].offset <= off) line = out.lines[line_index++].line;
    DisInstruction d;
    d.offset = off;
    d.bytes.assign(code.begin() + static_cast<std::ptrdiff_t>(off),
                   code.begin() + static_cast<std::ptrdiff_t>(ins->end()));
    d.name = ins->info->name;
    d.arg = ins->arg;
    d.operand = operand_text(rc, *ins);
    if (ins->target >= 0) d.target = static_cast<std::size_t>(ins->target);
    if (ins->info->extra_bytes) d.extra = ins->extra;
    d.line = line;
    out.instructions.push_back(std::move(d));
    off = ins->end();
  }
  out.children.resize(rc.children.size());
  for (std::size_t i = 0; i < rc.children.size(); ++i) {
    if (auto err = build(rc.children[i], out.path + "." + std::to_string(i), out.children[i])) return err;
  }
  return std::nullopt;
}

template <typename... Parts>
void append(std::string& out, const Parts&... parts) {
  (out.append(std::string_view(parts)), ...);
}

void format_prelude(const Prelude& p, std::string& out) {
  append(out, "  prelude: n_state=", std::to_string(p.n_state), " n_exc_stack=", std::to_string(p.n_exc_stack),
         " scope_flags=0x", hex2(p.scope_flags), " n_pos_args=", std::to_string(p.n_pos_args),
         " n_kwonly_args=", std::to_string(p.n_kwonly_args), " n_def_pos_args=", std::to_string(p.n_def_pos_args),
         " n_info=", std::to_string(p.n_info), " n_cell=", std::to_string(p.n_cell), "\n");
}

void format_instruction(const DisInstruction& ins, std::string& out) {
  const std::string offset = std::to_string(ins.offset);
  out.append(2 + (offset.size() < 5 ? 5 - offset.size() : 0), ' ');
  append(out, offset, "  L", std::to_string(ins.line), "  ", ins.name);
  if (!ins.operand.empty()) append(out, " ", ins.operand);
  out += "    ;";
  for (auto b : ins.bytes) append(out, " ", hex2(b));
  out += '\n';
}

void format_function(const DisFunction& f, std::string& out) {
  append(out, "\nfunction ", f.path, " ", f.name, " (", std::to_string(f.fun_data_size), " bytes, code at ",
         std::to_string(f.code_offset), ")\n");
  format_prelude(f.prelude, out);
  if (!f.arg_names.empty()) {
    out += "  args:";
    for (const auto& a : f.arg_names) append(out, " ", a);
    out += "\n";
  }
  if (!f.cells.empty()) {
    out += "  cells:";
    for (auto c : f.cells) append(out, " ", std::to_string(c));
    out += "\n";
  }
  out += "  lines:";
  for (const auto& e : f.lines) append(out, " ", std::to_string(e.offset), ":", std::to_string(e.line));
  out += "\n";
  for (const auto& ins : f.instructions) format_instruction(ins, out);
  for (const auto& child : f.children) format_function(child, out);
}

}  // namespace

std::string python_str_repr(std::string_view text, char prefix) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  if (prefix) out += prefix;
  out += quote;
  for (unsigned char c : text) {
    if (c == '\\' || c == static_cast<unsigned char>(quote)) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F || (prefix == 'b' && c >= 0x80)) {
      out += "\\x" + hex2(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += quote;
  return out;
}

std::string constant_repr(const Constant& c) {
  switch (c.kind) {
    case ConstantKind::none:
      return "None";
    case ConstantKind::false_:
      return "False";
    case ConstantKind::true_:
      return "True";
    case ConstantKind::ellipsis:
      return "Ellipsis";
    case ConstantKind::str:
      return python_str_repr(c.text);
    case ConstantKind::bytes:
      return python_str_repr(c.text, 'b');
    case ConstantKind::tuple: {
      std::string out = "(";
      for (std::size_t i = 0; i < c.items.size(); ++i) out += (i ? ", " : "") + constant_repr(c.items[i]);
      return out + (c.items.size() == 1 ? ",)" : ")");
    }
    default:
      return c.text;
  }
}

MpyResult<Disassembly> disassemble(const MpyFile& file) {
  Disassembly dis;
  dis.header = file.header;
  const std::array<std::uint8_t, 4> head{file.header.magic, file.header.version, file.header.features,
                                         file.header.small_int_bits};
  if (const auto info = identify_mpy(head)) dis.loaded_by = info->loaded_by;
  for (const auto& q : file.qstrs) dis.qstrs.push_back({q, static_qstr_id(q)});
  for (const auto& c : file.constants) dis.constants.push_back({constant_type_name(c.kind), constant_repr(c)});
  if (auto err = FunctionBuilder(file).build(file.module, "0", dis.module)) return *err;
  return dis;
}

std::string format_disassembly(const Disassembly& dis) {
  const auto& h = dis.header;
  std::string out = "header: magic '" + std::string(1, static_cast<char>(h.magic)) + "' version " +
                    std::to_string(h.version) + " features 0x" + hex2(h.features) + " small_int_bits " +
                    std::to_string(h.small_int_bits) + " (" + dis.loaded_by + ")\n";
  out += "qstrs (" + std::to_string(dis.qstrs.size()) + "):\n";
  for (std::size_t i = 0; i < dis.qstrs.size(); ++i) {
    out += "  " + std::to_string(i) + ": " + python_str_repr(dis.qstrs[i].text);
    if (dis.qstrs[i].static_id) out += " (static " + std::to_string(*dis.qstrs[i].static_id) + ")";
    out += "\n";
  }
  out += "constants (" + std::to_string(dis.constants.size()) + "):\n";
  for (std::size_t i = 0; i < dis.constants.size(); ++i) {
    out += "  " + std::to_string(i) + ": " + dis.constants[i].type + " " + dis.constants[i].repr + "\n";
  }
  format_function(dis.module, out);
  return out;
}

}  // namespace cpy::mpy
