// The line-number table inside a function's source info (spec §3.4): decode to pairs, encode entries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace cpy::mpy {

struct LineEntry {
  std::size_t offset;  ///< bytecode offset (from the first opcode) where `line` starts
  std::uint32_t line;
  bool operator==(const LineEntry&) const = default;
};

/// Decodes the table into (offset -> line) pairs, one per entry, starting from (0, 1);
/// nullopt if the table ends inside a 2-byte entry.
std::optional<std::vector<LineEntry>> decode_line_table(std::span<const std::uint8_t> table);

/// True if the table does not end inside a 2-byte entry (what decode_line_table checks, without allocating).
bool line_table_well_formed(std::span<const std::uint8_t> table);

/// Source line of bytecode offset `offset` (the line of the last entry whose offset <= it, as the VM looks it up).
std::uint32_t line_for_offset(std::span<const LineEntry> entries, std::size_t offset);

/// Appends the entries that advance the table by (bytes_to_skip, lines_to_skip), exactly as mpy-cross does.
void encode_line_advance(std::vector<std::uint8_t>& out, std::size_t bytes_to_skip, std::size_t lines_to_skip);

}  // namespace cpy::mpy
