// Encoding of the bytecode prelude: signature (n_state, n_exc_stack, flags, arg counts) and size (spec §3.1-3.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "mpy/model.hpp"
#include "mpy/opcodes.hpp"

namespace cpy::mpy {

/// Appends the signature bytes of n_state, n_exc_stack, scope_flags, n_pos_args, n_kwonly_args, n_def_pos_args.
void encode_prelude_signature(std::vector<std::uint8_t>& out, const Prelude& prelude);
/// Appends the size bytes of n_info and n_cell.
void encode_prelude_size(std::vector<std::uint8_t>& out, const Prelude& prelude);

/// Decodes the signature at pos into the first six fields of the result; nullopt if truncated or too long.
std::optional<Decoded<Prelude>> decode_prelude_signature(std::span<const std::uint8_t> bytes, std::size_t pos);
/// Decodes the size at pos into n_info and n_cell of `prelude`; returns the byte count, nullopt if bad.
std::optional<std::size_t> decode_prelude_size(std::span<const std::uint8_t> bytes, std::size_t pos, Prelude& prelude);

}  // namespace cpy::mpy
