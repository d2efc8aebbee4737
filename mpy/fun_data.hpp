// Building a RawCode from its parts (prelude numbers, names, line table, cells, bytecode): for the compiler.
#pragma once

#include <cstdint>
#include <vector>

#include "mpy/model.hpp"

namespace cpy::mpy {

struct FunctionParts {
  Prelude prelude;  ///< n_info and n_cell are computed, the other six numbers are used as given
  std::uint32_t simple_name = 0;
  std::vector<std::uint32_t> arg_names;
  std::vector<std::uint8_t> line_table;
  std::vector<std::uint8_t> cells;
  std::vector<std::uint8_t> bytecode;
  std::vector<RawCode> children;
};

/// Encodes fun_data (spec §3) and fills every decoded field, exactly as read_mpy would.
RawCode make_raw_code(FunctionParts parts);

}  // namespace cpy::mpy
