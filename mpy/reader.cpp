// The strict .mpy v6 reader: a cursor over the bytes with a context stack for error messages.
#include "mpy/reader.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "mpy/instruction.hpp"
#include "mpy/line_table.hpp"
#include "mpy/opcodes.hpp"
#include "mpy/prelude.hpp"
#include "mpy/qstr_static.hpp"

namespace cpy::mpy {
namespace {

std::string hex_byte(std::uint8_t b) {
  constexpr char k_digits[] = "0123456789abcdef";
  std::string out = "0x";
  out += k_digits[b >> 4];
  out += k_digits[b & 0xF];
  return out;
}

// One level of "what was being read", rendered as "<name> <index+1> of <count>" or just "<name>".
struct Frame {
  const char* name;
  std::size_t index;
  std::size_t count;
};

class Parser {
 public:
  Parser(std::span<const std::uint8_t> bytes, const ReadOptions& options) : m_bytes(bytes), m_options(options) {}

  MpyResult<MpyFile> run();

 private:
  class Scope {
   public:
    Scope(Parser& p, const char* name, std::size_t index = 0, std::size_t count = 0) : m_p(p) {
      m_p.m_context.push_back({name, index, count});
    }
    ~Scope() { m_p.m_context.pop_back(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Parser& m_p;
  };

  bool fail(std::size_t offset, std::string_view problem, std::string_view detail = {});
  bool truncated() { return fail(m_bytes.size(), "truncated"); }
  std::size_t remaining() const { return m_bytes.size() - m_pos; }

  bool read_byte(std::uint8_t& out);
  bool read_vuint(std::uint64_t& out);
  bool read_count(std::size_t& out, const char* what);
  bool read_span(std::size_t n, std::span<const std::uint8_t>& out);

  bool read_header(Header& header);
  bool read_qstr(std::string& out);
  bool read_constant(Constant& out, std::size_t depth);
  bool read_text_constant(Constant& out, bool with_nul);
  bool read_tuple(Constant& out, std::size_t depth);
  bool read_raw_code(RawCode& out, std::size_t depth);
  bool decode_fun_data(RawCode& rc, std::size_t base);
  bool check_code(const RawCode& rc, std::size_t base);
  bool check_instruction(const RawCode& rc, const Instruction& ins, std::size_t base);

  std::span<const std::uint8_t> m_bytes;
  ReadOptions m_options;
  std::size_t m_pos = 0;
  std::vector<Frame> m_context;
  std::optional<MpyError> m_error;
  std::size_t m_n_qstr = 0;
  std::size_t m_n_obj = 0;
};

bool Parser::fail(std::size_t offset, std::string_view problem, std::string_view detail) {
  if (m_error) return false;
  std::string msg(problem);
  msg.append(" at offset ").append(std::to_string(offset));
  for (std::size_t i = m_context.size(); i-- > 0;) {
    const Frame& frame = m_context[i];
    msg.append(i + 1 == m_context.size() ? " while reading " : " in ").append(frame.name);
    if (frame.count)
      msg.append(" ").append(std::to_string(frame.index + 1)).append(" of ").append(std::to_string(frame.count));
    std::size_t same = 0;  // enclosing frames of the same kind (nested tuples, nested children) are summarised
    while (i > 0 && std::string_view(m_context[i - 1].name) == frame.name) --i, ++same;
    if (same) msg.append(" in ").append(std::to_string(same)).append(" more enclosing ").append(frame.name).append("s");
  }
  if (!detail.empty()) msg.append(" (").append(detail).append(")");
  m_error = MpyError{offset, std::move(msg)};
  return false;
}

bool Parser::read_byte(std::uint8_t& out) {
  if (m_pos >= m_bytes.size()) return truncated();
  out = m_bytes[m_pos++];
  return true;
}

bool Parser::read_vuint(std::uint64_t& out) {
  const auto v = decode_vuint(m_bytes, m_pos);
  if (!v) {
    const bool ends = std::any_of(m_bytes.begin() + static_cast<std::ptrdiff_t>(m_pos), m_bytes.end(),
                                  [](std::uint8_t b) { return !(b & 0x80); });
    return ends ? fail(m_pos, "varint longer than 64 bits") : truncated();
  }
  out = v->value;
  m_pos += v->size;
  return true;
}

// A count of items that each take at least one byte: more than the bytes left is an error, so hostile
// counts cannot make us allocate.
bool Parser::read_count(std::size_t& out, const char* what) {
  const std::size_t at = m_pos;
  std::uint64_t v = 0;
  if (!read_vuint(v)) return false;
  if (v > remaining()) {
    return fail(
        at, "truncated",
        std::string(what) + " " + std::to_string(v) + " but only " + std::to_string(remaining()) + " bytes left");
  }
  out = static_cast<std::size_t>(v);
  return true;
}

bool Parser::read_span(std::size_t n, std::span<const std::uint8_t>& out) {
  if (n > remaining()) return truncated();
  out = m_bytes.subspan(m_pos, n);
  m_pos += n;
  return true;
}

bool Parser::read_header(Header& header) {
  Scope scope(*this, "header");
  if (m_bytes.size() < 4) return truncated();
  header.magic = m_bytes[0];
  header.version = m_bytes[1];
  header.features = m_bytes[2];
  header.small_int_bits = m_bytes[3];
  m_pos = 4;
  if (header.features != 0) {
    return fail(2, "feature byte " + hex_byte(header.features) +
                       " marks native code, which is not supported (expected 0x00 for bytecode)");
  }
  return true;
}

bool Parser::read_qstr(std::string& out) {
  const std::size_t at = m_pos;
  std::uint64_t v = 0;
  if (!read_vuint(v)) return false;
  if (v & 1) {
    const auto text = static_qstr_string(v >> 1 > 0xFFFFFFFFu ? 0 : static_cast<std::uint32_t>(v >> 1));
    if (!text) return fail(at, "unknown static qstr id " + std::to_string(v >> 1) + " (expected 1..165)");
    out = *text;
    return true;
  }
  const std::uint64_t len = v >> 1;
  if (len >= remaining()) return truncated();
  std::span<const std::uint8_t> body;
  read_span(static_cast<std::size_t>(len), body);
  out.assign(body.begin(), body.end());
  if (m_bytes[m_pos] != 0) return fail(m_pos, "expected NUL after qstr text, found " + hex_byte(m_bytes[m_pos]));
  ++m_pos;
  return true;
}

bool Parser::read_text_constant(Constant& out, bool with_nul) {
  std::uint64_t len = 0;
  if (!read_vuint(len)) return false;
  if (len + (with_nul ? 1 : 0) > remaining()) return truncated();
  std::span<const std::uint8_t> body;
  read_span(static_cast<std::size_t>(len), body);
  out.text.assign(body.begin(), body.end());
  if (with_nul) {
    if (m_bytes[m_pos] != 0) return fail(m_pos, "expected NUL after constant text, found " + hex_byte(m_bytes[m_pos]));
    ++m_pos;
  }
  return true;
}

bool Parser::read_tuple(Constant& out, std::size_t depth) {
  std::size_t n = 0;
  if (!read_count(n, "tuple item count")) return false;
  out.items.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Scope scope(*this, "tuple item", i, n);
    if (!read_constant(out.items[i], depth + 1)) return false;
  }
  return true;
}

bool Parser::read_constant(Constant& out, std::size_t depth) {
  if (depth > k_max_tuple_depth) return fail(m_pos, "tuples nested deeper than " + std::to_string(k_max_tuple_depth));
  const std::size_t at = m_pos;
  std::uint8_t type = 0;
  if (!read_byte(type)) return false;
  if (type < 1 || type > 10) {
    return fail(at, "invalid constant type " + hex_byte(type) + " (expected 0x01..0x0a)");
  }
  out.kind = static_cast<ConstantKind>(type);
  switch (out.kind) {
    case ConstantKind::str:
    case ConstantKind::bytes:
      return read_text_constant(out, true);
    case ConstantKind::int_:
    case ConstantKind::float_:
    case ConstantKind::complex:
      return read_text_constant(out, false);
    case ConstantKind::tuple:
      return read_tuple(out, depth);
    default:
      return true;
  }
}

bool Parser::read_raw_code(RawCode& rc, std::size_t depth) {
  if (depth > k_max_raw_code_depth) {
    return fail(m_pos, "functions nested deeper than " + std::to_string(k_max_raw_code_depth));
  }
  const std::size_t at = m_pos;
  std::uint64_t kind_len = 0;
  if (!read_vuint(kind_len)) return false;
  const auto kind = kind_len & 3;
  if (kind != 0) return fail(at, "raw code kind " + std::to_string(kind) + " is native code (expected 0, bytecode)");
  const bool has_children = (kind_len >> 2) & 1;
  const std::uint64_t len = kind_len >> 3;
  if (len > remaining()) {
    return fail(
        at, "truncated",
        "function data length " + std::to_string(len) + " but only " + std::to_string(remaining()) + " bytes left");
  }
  const std::size_t base = m_pos;
  std::span<const std::uint8_t> data;
  read_span(static_cast<std::size_t>(len), data);
  rc.fun_data.assign(data.begin(), data.end());
  if (!decode_fun_data(rc, base)) return false;
  std::size_t n_children = 0;
  if (has_children) {
    Scope scope(*this, "child count");
    const std::size_t count_at = m_pos;
    if (!read_count(n_children, "child count")) return false;
    if (n_children == 0) return fail(count_at, "child count 0 although the has-children flag is set");
  }
  rc.children.resize(n_children);
  if (m_options.code_check == CodeCheck::full && !check_code(rc, base)) return false;
  for (std::size_t i = 0; i < n_children; ++i) {
    Scope scope(*this, "child raw code", i, n_children);
    if (!read_raw_code(rc.children[i], depth + 1)) return false;
  }
  return true;
}

bool Parser::decode_fun_data(RawCode& rc, std::size_t base) {
  const std::span<const std::uint8_t> fd(rc.fun_data);
  const auto sig = decode_prelude_signature(fd, 0);
  if (!sig) return fail(base, "bad prelude signature (truncated or more than 12 extension bytes)");
  rc.prelude = sig->value;
  const auto size_len = decode_prelude_size(fd, sig->size, rc.prelude);
  if (!size_len) return fail(base + sig->size, "bad prelude size (truncated or more than 5 bytes)");
  std::size_t pos = sig->size + *size_len;
  const Prelude& p = rc.prelude;
  if (p.n_info > fd.size() - pos || p.n_cell > fd.size() - pos - p.n_info) {
    return fail(base + pos, "source info (" + std::to_string(p.n_info) + " bytes) and cells (" +
                                std::to_string(p.n_cell) + " bytes) exceed the " + std::to_string(fd.size() - pos) +
                                " bytes of function data left");
  }
  const std::size_t info_end = pos + p.n_info;
  const auto info = fd.first(info_end);
  const auto read_name = [&](std::uint32_t& out, const char* what) {
    const auto v = decode_vuint(info, pos);
    if (!v) return fail(base + pos, std::string("source info too short for the ") + what);
    if (v->value >= m_n_qstr) {
      return fail(base + pos, std::string(what) + " qstr index " + std::to_string(v->value) + " out of range (" +
                                  std::to_string(m_n_qstr) + " qstrs)");
    }
    out = static_cast<std::uint32_t>(v->value);
    pos += v->size;
    return true;
  };
  if (!read_name(rc.simple_name, "function name")) return false;
  const std::uint64_t n_args = std::uint64_t{p.n_pos_args} + p.n_kwonly_args;
  if (n_args > info_end - pos)
    return fail(base + pos, "source info too short for " + std::to_string(n_args) + " argument names");
  rc.arg_names.resize(static_cast<std::size_t>(n_args));
  for (auto& name : rc.arg_names) {
    if (!read_name(name, "argument name")) return false;
  }
  rc.line_table.assign(fd.begin() + static_cast<std::ptrdiff_t>(pos),
                       fd.begin() + static_cast<std::ptrdiff_t>(info_end));
  rc.cells.assign(fd.begin() + static_cast<std::ptrdiff_t>(info_end),
                  fd.begin() + static_cast<std::ptrdiff_t>(info_end + p.n_cell));
  rc.code_offset = info_end + p.n_cell;
  if (!line_table_well_formed(rc.line_table)) {
    return fail(base + info_end - 1, "line-number table ends inside a 2-byte entry");
  }
  for (std::size_t i = 0; i < rc.cells.size(); ++i) {
    if (rc.cells[i] >= p.n_state) {
      return fail(base + info_end + i,
                  "cell slot " + std::to_string(rc.cells[i]) + " is not below n_state " + std::to_string(p.n_state));
    }
  }
  return true;
}

const char* problem_text(InstructionProblem problem) {
  switch (problem) {
    case InstructionProblem::unknown_opcode:
      return "unknown opcode";
    case InstructionProblem::operand_too_long:
      return "operand too long";
    default:
      return "instruction truncated";
  }
}

bool Parser::check_code(const RawCode& rc, std::size_t base) {
  Scope scope(*this, "bytecode");
  const std::span<const std::uint8_t> code(rc.code(), rc.code_size());
  const std::size_t code_base = base + rc.code_offset;
  std::vector<bool> starts(code.size() + 1, false);
  std::vector<Instruction> jumps;
  for (std::size_t off = 0; off < code.size();) {
    InstructionProblem problem{};
    const auto ins = decode_instruction(code, off, problem);
    if (!ins) {
      std::string what = problem_text(problem);
      if (problem == InstructionProblem::unknown_opcode) what += " " + hex_byte(code[off]);
      return fail(code_base + off, what + " (bytecode offset " + std::to_string(off) + ")");
    }
    if (!check_instruction(rc, *ins, code_base)) return false;
    starts[off] = true;
    if (ins->target >= 0 || is_jump(ins->info->operand)) jumps.push_back(*ins);
    off = ins->end();
  }
  starts[code.size()] = true;
  for (const auto& j : jumps) {
    if (j.target < 0 || static_cast<std::size_t>(j.target) > code.size() ||
        !starts[static_cast<std::size_t>(j.target)]) {
      return fail(code_base + j.offset, std::string(j.info->name) + " jumps to " + std::to_string(j.target) +
                                            ", which is not the start of an instruction (bytecode offset " +
                                            std::to_string(j.offset) + ")");
    }
  }
  return true;
}

bool Parser::check_instruction(const RawCode& rc, const Instruction& ins, std::size_t code_base) {
  const auto n = static_cast<std::uint64_t>(ins.arg);
  const auto bad = [&](const char* what, std::size_t limit) {
    return fail(code_base + ins.offset, std::string(ins.info->name) + " " + what + " " + std::to_string(ins.arg) +
                                            " out of range (limit " + std::to_string(limit) + ", bytecode offset " +
                                            std::to_string(ins.offset) + ")");
  };
  switch (ins.info->operand) {
    case OperandKind::qstr:
      return n < m_n_qstr || bad("qstr index", m_n_qstr);
    case OperandKind::const_index:
      return n < m_n_obj || bad("constant index", m_n_obj);
    case OperandKind::child_index:
      return n < rc.children.size() || bad("child index", rc.children.size());
    case OperandKind::load_fast_multi:
    case OperandKind::store_fast_multi:
      return n < rc.prelude.n_state || bad("local slot", rc.prelude.n_state);
    default:
      break;
  }
  switch (static_cast<Op>(ins.opcode)) {
    case Op::LOAD_FAST_N:
    case Op::STORE_FAST_N:
    case Op::DELETE_FAST:
    case Op::LOAD_DEREF:
    case Op::STORE_DEREF:
    case Op::DELETE_DEREF:
      return n < rc.prelude.n_state || bad("local slot", rc.prelude.n_state);
    default:
      return true;
  }
}

MpyResult<MpyFile> Parser::run() {
  MpyFile file;
  const auto ok = [&]() -> bool {
    if (!read_header(file.header)) return false;
    std::size_t n_qstr = 0, n_obj = 0;
    {
      Scope scope(*this, "table sizes");
      if (!read_count(n_qstr, "qstr count") || !read_count(n_obj, "constant count")) return false;
    }
    if (n_qstr + n_obj > remaining()) return fail(m_pos, "truncated", "qstr and constant counts exceed the bytes left");
    m_n_qstr = n_qstr;
    m_n_obj = n_obj;
    file.qstrs.resize(n_qstr);
    for (std::size_t i = 0; i < n_qstr; ++i) {
      Scope scope(*this, "qstr", i, n_qstr);
      if (!read_qstr(file.qstrs[i])) return false;
    }
    file.constants.resize(n_obj);
    for (std::size_t i = 0; i < n_obj; ++i) {
      Scope scope(*this, "constant", i, n_obj);
      if (!read_constant(file.constants[i], 0)) return false;
    }
    {
      Scope scope(*this, "module raw code");
      if (!read_raw_code(file.module, 0)) return false;
    }
    if (m_pos != m_bytes.size()) {
      return fail(m_pos, std::to_string(m_bytes.size() - m_pos) + " unexpected bytes after the module raw code");
    }
    return true;
  }();
  if (!ok) return *m_error;
  return file;
}

struct Generation {
  std::uint8_t magic;
  std::uint8_t version;
  FormatFamily family;
  std::string_view loaded_by;
};

constexpr Generation k_generations[] = {
    {'C', 6, FormatFamily::v6, "CircuitPython 9.x and 10.x"},
    {'M', 6, FormatFamily::v6_micropython, "MicroPython 1.19 and later (not CircuitPython)"},
    {'C', 5, FormatFamily::v5, "CircuitPython 7.x and 8.x"},
    {'M', 3, FormatFamily::v3, "CircuitPython 6.x and earlier"},
    {'M', 4, FormatFamily::micropython_old, "MicroPython 1.11 (not CircuitPython)"},
    {'M', 5, FormatFamily::micropython_old, "MicroPython 1.12 to 1.18 (not CircuitPython)"},
};

}  // namespace

MpyResult<FormatInfo> identify_mpy(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 4) {
    return MpyError{bytes.size(), "truncated at offset " + std::to_string(bytes.size()) + " while reading header"};
  }
  if (bytes[0] != k_magic_circuitpython && bytes[0] != k_magic_micropython) {
    return MpyError{0, "not an .mpy file: magic byte " + hex_byte(bytes[0]) + " at offset 0 (expected 'C', 0x43)"};
  }
  for (const auto& g : k_generations) {
    if (g.magic == bytes[0] && g.version == bytes[1]) {
      return FormatInfo{g.family, bytes[0], bytes[1], bytes[2], bytes[3], g.loaded_by};
    }
  }
  return MpyError{1, "unknown .mpy version " + std::to_string(bytes[1]) + " at offset 1 (expected 6)"};
}

MpyResult<MpyFile> read_mpy(std::span<const std::uint8_t> bytes, const ReadOptions& options) {
  const auto info = identify_mpy(bytes);
  if (!info) return info.error();
  if (info->family != FormatFamily::v6 && info->family != FormatFamily::v6_micropython) {
    return MpyError{1, "mpy v" + std::to_string(info->version) + " file (loaded by " + std::string(info->loaded_by) +
                           "); only v6 (CircuitPython 9.x and 10.x) is decoded"};
  }
  return Parser(bytes, options).run();
}

}  // namespace cpy::mpy
