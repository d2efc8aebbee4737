// Assembly of fun_data: prelude signature, prelude size, names, line table, cells, bytecode.
#include "mpy/fun_data.hpp"

#include "mpy/opcodes.hpp"
#include "mpy/prelude.hpp"

namespace cpy::mpy {

RawCode make_raw_code(FunctionParts parts) {
  RawCode rc;
  std::vector<std::uint8_t> info;
  encode_vuint(info, parts.simple_name);
  for (auto name : parts.arg_names) encode_vuint(info, name);
  info.insert(info.end(), parts.line_table.begin(), parts.line_table.end());
  rc.prelude = parts.prelude;
  rc.prelude.n_info = static_cast<std::uint32_t>(info.size());
  rc.prelude.n_cell = static_cast<std::uint32_t>(parts.cells.size());
  encode_prelude_signature(rc.fun_data, rc.prelude);
  encode_prelude_size(rc.fun_data, rc.prelude);
  rc.fun_data.insert(rc.fun_data.end(), info.begin(), info.end());
  rc.fun_data.insert(rc.fun_data.end(), parts.cells.begin(), parts.cells.end());
  rc.code_offset = rc.fun_data.size();
  rc.fun_data.insert(rc.fun_data.end(), parts.bytecode.begin(), parts.bytecode.end());
  rc.simple_name = parts.simple_name;
  rc.arg_names = std::move(parts.arg_names);
  rc.line_table = std::move(parts.line_table);
  rc.cells = std::move(parts.cells);
  rc.children = std::move(parts.children);
  return rc;
}

}  // namespace cpy::mpy
