// Arithmetic and comparison of numbers (int, bool, float, complex).
#pragma once

#include "firmware/vm/vm.hpp"

namespace cpy::vm {

/// The plain operator for an in-place one (e.g. += -> +); others unchanged.
BinaryOp base_op(BinaryOp op);
/// Result of `a op b` when both are numbers; null if the operands are not numbers or op does not apply.
Value numeric_binary_op(Vm& vm, BinaryOp op, Value a, Value b);
/// The bool for a comparison `op` given a three-way result c (<0, 0, >0); null if op is not a comparison.
Value compare_result(Vm& vm, BinaryOp op, int c);

}  // namespace cpy::vm
