// Serialises an MpyFile to .mpy v6 bytes (the exact inverse of read_mpy for files mpy-cross writes).
#pragma once

#include <cstdint>
#include <vector>

#include "mpy/model.hpp"

namespace cpy::mpy {

/// Writes header, qstr table (strings of Appendix A as static ids, others literal), constants and the raw
/// code tree. Only RawCode::fun_data and RawCode::children are used from each raw code.
std::vector<std::uint8_t> write_mpy(const MpyFile& file);

void write_qstr(std::vector<std::uint8_t>& out, std::string_view text);
void write_constant(std::vector<std::uint8_t>& out, const Constant& constant);
void write_raw_code(std::vector<std::uint8_t>& out, const RawCode& raw_code);

}  // namespace cpy::mpy
