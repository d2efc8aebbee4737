// Python-runtime arithmetic on int/float constants, following MicroPython's float semantics.
#include "mpycross/fold.hpp"

#include <cmath>

namespace cpy::mpycross {
namespace {

Num make_int(BigInt v) {
  Num n;
  n.i = std::move(v);
  return n;
}
Num make_float(double v) {
  Num n;
  n.is_float = true;
  n.f = v;
  return n;
}
double as_double(const Num& n) { return n.is_float ? n.f : n.i.to_double(); }

std::optional<Num> float_op(FoldOp op, double a, double b) {
  switch (op) {
    case FoldOp::add:
      return make_float(a + b);
    case FoldOp::sub:
      return make_float(a - b);
    case FoldOp::mul:
      return make_float(a * b);
    case FoldOp::truediv:
      if (b == 0) return std::nullopt;
      return make_float(a / b);
    case FoldOp::mod: {
      if (b == 0) return std::nullopt;
      double m = std::fmod(a, b);
      if (m == 0) {
        m = std::copysign(0.0, b);
      } else if ((m < 0) != (b < 0)) {
        m += b;
      }
      return make_float(m);
    }
    case FoldOp::floordiv: {
      if (b == 0) return std::nullopt;
      double m = std::fmod(a, b);
      double q = (a - m) / b;
      if (m != 0 && (b < 0) != (m < 0)) q -= 1.0;
      double r;
      if (q == 0) {
        r = std::copysign(0.0, a / b);
      } else {
        r = std::floor(q);
        if (q - r > 0.5) r += 1.0;
      }
      return make_float(r);
    }
    case FoldOp::pow:
      if (a == 0 && b < 0 && !std::isinf(b)) return std::nullopt;
      if (a < 0 && b != std::floor(b) && !std::isnan(b)) return std::nullopt;
      return make_float(std::pow(a, b));
    default:
      return std::nullopt;
  }
}

std::optional<Num> int_op(FoldOp op, const BigInt& a, const BigInt& b) {
  switch (op) {
    case FoldOp::or_:
      return make_int(BigInt::bitwise(BigInt::BitOp::or_, a, b));
    case FoldOp::xor_:
      return make_int(BigInt::bitwise(BigInt::BitOp::xor_, a, b));
    case FoldOp::and_:
      return make_int(BigInt::bitwise(BigInt::BitOp::and_, a, b));
    case FoldOp::lshift: {
      auto n = b.to_int64();
      if (b.is_negative() || !n || *n > 100000) return std::nullopt;
      return make_int(a.shl(static_cast<std::size_t>(*n)));
    }
    case FoldOp::rshift: {
      if (b.is_negative()) return std::nullopt;
      auto n = b.to_int64();
      if (!n) return make_int(BigInt(a.is_negative() ? -1 : 0));
      return make_int(a.shr(static_cast<std::size_t>(*n)));
    }
    case FoldOp::add:
      return make_int(a + b);
    case FoldOp::sub:
      return make_int(a - b);
    case FoldOp::mul:
      return make_int(a * b);
    case FoldOp::floordiv:
    case FoldOp::mod: {
      if (b.is_zero()) return std::nullopt;
      BigInt q, r;
      BigInt::floor_divmod(a, b, q, r);
      return make_int(op == FoldOp::floordiv ? q : r);
    }
    case FoldOp::truediv:
      if (b.is_zero()) return std::nullopt;
      return make_float(a.to_double() / b.to_double());
    case FoldOp::pow: {
      if (b.is_negative()) return float_op(FoldOp::pow, a.to_double(), b.to_double());
      auto e = b.to_int64();
      if (!e || (*e > 100000 && a.bit_length() > 1)) return std::nullopt;
      return make_int(a.pow(static_cast<std::uint64_t>(*e)));
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<Num> fold_binary(FoldOp op, const Num& a, const Num& b) {
  if (!a.is_float && !b.is_float) return int_op(op, a.i, b.i);
  return float_op(op, as_double(a), as_double(b));
}

std::optional<Num> fold_unary(FoldUnary op, const Num& a) {
  switch (op) {
    case FoldUnary::positive:
      return a;
    case FoldUnary::negative:
      return a.is_float ? make_float(-a.f) : make_int(-a.i);
    case FoldUnary::invert:
      if (a.is_float) return std::nullopt;
      return make_int(a.i.invert());
  }
  return std::nullopt;
}

}  // namespace cpy::mpycross
