// Arithmetic and comparison of numbers (int, bool, float, complex).
#pragma once

#include "firmware/vm/vm.hpp"

namespace cpy::vm {

/// The plain operator for an in-place one (e.g. += -> +); others unchanged.
BinaryOp base_op(BinaryOp op);
/// Result of `a op b` when both are numbers; null if the operands are not numbers or op does not apply.
Value numeric_binary_op(Vm& vm, BinaryOp op, Value a, Value b);

}  // namespace cpy::vm
