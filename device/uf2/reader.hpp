// Strict UF2 reader: every block's magic numbers, flags, numbering and payload are checked; overlaps are errors.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/result.hpp"
#include "device/uf2/image.hpp"

namespace cpy::uf2 {

/// Reads a whole UF2 file. `name` is used in messages, which also give the block number and the byte offset
/// of the bad field. Errors are ExitCode::bad_input. Gaps between ranges are not errors (see written_ranges).
Result<Image> read_uf2(std::span<const std::uint8_t> bytes, const std::string& name);

/// Reads the file at `path` (ExitCode::io when it cannot be read).
Result<Image> read_uf2_file(const std::string& path);

}  // namespace cpy::uf2
