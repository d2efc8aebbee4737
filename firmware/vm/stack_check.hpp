// Load-time bound on a function's value-stack use: rejects bytecode that would need more slots than its
// prelude's n_state (the interpreter also checks every instruction at run time).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace cpy::vm {

/// Follows every path of `code` that normal control flow and exception handlers reach, with the stack
/// depth the compiler assumes at each instruction. Empty string if the depth never exceeds `n_state`,
/// else a message naming the offset.
std::string check_stack_use(std::span<const std::uint8_t> code, std::uint32_t n_state);

}  // namespace cpy::vm
