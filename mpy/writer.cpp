// .mpy v6 serialisation of the in-memory model.
#include "mpy/writer.hpp"

#include "mpy/opcodes.hpp"
#include "mpy/qstr_static.hpp"

namespace cpy::mpy {
namespace {

void append_text(std::vector<std::uint8_t>& out, std::string_view text) {
  out.insert(out.end(), text.begin(), text.end());
}

}  // namespace

void write_qstr(std::vector<std::uint8_t>& out, std::string_view text) {
  if (const auto id = static_qstr_id(text)) {
    encode_vuint(out, (std::uint64_t{*id} << 1) | 1);
    return;
  }
  encode_vuint(out, std::uint64_t{text.size()} << 1);
  append_text(out, text);
  out.push_back(0);
}

void write_constant(std::vector<std::uint8_t>& out, const Constant& c) {
  out.push_back(static_cast<std::uint8_t>(c.kind));
  switch (c.kind) {
    case ConstantKind::str:
    case ConstantKind::bytes:
      encode_vuint(out, c.text.size());
      append_text(out, c.text);
      out.push_back(0);
      break;
    case ConstantKind::int_:
    case ConstantKind::float_:
    case ConstantKind::complex:
      encode_vuint(out, c.text.size());
      append_text(out, c.text);
      break;
    case ConstantKind::tuple:
      encode_vuint(out, c.items.size());
      for (const auto& item : c.items) write_constant(out, item);
      break;
    default:
      break;
  }
}

void write_raw_code(std::vector<std::uint8_t>& out, const RawCode& rc) {
  const bool has_children = !rc.children.empty();
  encode_vuint(out, (std::uint64_t{rc.fun_data.size()} << 3) | (has_children ? 4u : 0u));
  out.insert(out.end(), rc.fun_data.begin(), rc.fun_data.end());
  if (!has_children) return;
  encode_vuint(out, rc.children.size());
  for (const auto& child : rc.children) write_raw_code(out, child);
}

std::vector<std::uint8_t> write_mpy(const MpyFile& file) {
  std::vector<std::uint8_t> out{file.header.magic, file.header.version, file.header.features,
                                file.header.small_int_bits};
  encode_vuint(out, file.qstrs.size());
  encode_vuint(out, file.constants.size());
  for (const auto& q : file.qstrs) write_qstr(out, q);
  for (const auto& c : file.constants) write_constant(out, c);
  write_raw_code(out, file.module);
  return out;
}

}  // namespace cpy::mpy
