// Python-runtime arithmetic on int/float constants for parse-time folding (spec §6.4, §9.2 end).
#pragma once

#include <optional>

#include "mpycross/bigint.hpp"

namespace cpy::mpycross {

struct Num {
  bool is_float = false;
  BigInt i;
  double f = 0;
};

enum class FoldOp { or_, xor_, and_, lshift, rshift, add, sub, mul, matmul, floordiv, truediv, mod, pow };
enum class FoldUnary { positive, negative, invert };

/// The result, or nullopt where the runtime would raise or produce a complex number.
std::optional<Num> fold_binary(FoldOp op, const Num& a, const Num& b);
std::optional<Num> fold_unary(FoldUnary op, const Num& a);

}  // namespace cpy::mpycross
