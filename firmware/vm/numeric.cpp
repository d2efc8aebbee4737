// Arithmetic on int (small and big), float and complex, with Python semantics.
#include <cmath>

#include "firmware/vm/numeric.hpp"

namespace cpy::vm {

namespace {

bool is_intlike(Value v) {
  return v.is_small() || (v.is_obj() && (v.obj()->kind == Kind::integer || v.obj()->kind == Kind::boolean));
}

bool small_of(Value v, std::int64_t& out) {
  if (v.is_small()) return out = v.small_value(), true;
  if (v.obj()->kind == Kind::boolean) return out = static_cast<BoolObj*>(v.obj())->value, true;
  return false;
}

double float_floordiv(double a, double b) {
  double m = std::fmod(a, b);
  double q = (a - m) / b;
  if (m == 0) {
    m = std::copysign(0.0, b);
  } else if ((m < 0) != (b < 0)) {
    m += b;
    q -= 1;
  }
  if (q == 0) return std::copysign(0.0, a / b);
  double fl = std::floor(q);
  if (q - fl > 0.5) fl += 1;
  return fl;
}

double float_mod(double a, double b) {
  double m = std::fmod(a, b);
  if (m == 0) return std::copysign(0.0, b);
  if ((m < 0) != (b < 0)) m += b;
  return m;
}

Value big_op(Vm& vm, BinaryOp op, const BigInt& a, const BigInt& b) {
  switch (op) {
    case BinaryOp::add:
      return vm.int_value(a + b);
    case BinaryOp::subtract:
      return vm.int_value(a - b);
    case BinaryOp::multiply:
      return vm.int_value(a * b);
    case BinaryOp::floor_divide:
    case BinaryOp::modulo: {
      if (b.is_zero()) vm.raise(vm.e_zero_division, "divide by zero");
      BigInt q, r;
      BigInt::floor_divmod(a, b, q, r);
      return vm.int_value(op == BinaryOp::modulo ? r : q);
    }
    case BinaryOp::true_divide:
      if (b.is_zero()) vm.raise(vm.e_zero_division, "divide by zero");
      return vm.float_value(a.to_double() / b.to_double());
    case BinaryOp::power: {
      if (b.is_negative()) return vm.float_value(std::pow(a.to_double(), b.to_double()));
      if (!b.fits_int64()) vm.raise(vm.e_overflow, "overflow");
      const auto e = static_cast<std::uint64_t>(b.to_int64());
      // A result larger than the whole heap cannot be stored: fail before spending the time computing it.
      if (a.bit_length() > 1 && e > 8 * vm.heap().limit() / (a.bit_length() - 1)) vm.raise(vm.e_memory, "");
      return vm.int_value(a.pow(e));
    }
    case BinaryOp::lshift:
    case BinaryOp::rshift: {
      if (b.is_negative()) vm.raise(vm.e_value, "negative shift count");
      auto n = static_cast<std::size_t>(b.fits_int64() ? b.to_int64() : 1 << 30);
      if (op == BinaryOp::rshift) return vm.int_value(a.shr(n));
      if (n > (1u << 24)) vm.raise(vm.e_overflow, "overflow");
      vm.heap().reserve(n / 8);
      return vm.int_value(a.shl(n));
    }
    case BinaryOp::and_:
      return vm.int_value(BigInt::bitwise(a, b, '&'));
    case BinaryOp::or_:
      return vm.int_value(BigInt::bitwise(a, b, '|'));
    case BinaryOp::xor_:
      return vm.int_value(BigInt::bitwise(a, b, '^'));
    default:
      return compare_result(vm, op, BigInt::compare(a, b));
  }
}

Value small_op(Vm& vm, BinaryOp op, std::int64_t a, std::int64_t b) {
  std::int64_t r;
  switch (op) {
    case BinaryOp::add:
      if (__builtin_add_overflow(a, b, &r)) break;
      return vm.int_value(r);
    case BinaryOp::subtract:
      if (__builtin_sub_overflow(a, b, &r)) break;
      return vm.int_value(r);
    case BinaryOp::multiply:
      if (__builtin_mul_overflow(a, b, &r)) break;
      return vm.int_value(r);
    case BinaryOp::floor_divide:
    case BinaryOp::modulo: {
      if (b == 0) vm.raise(vm.e_zero_division, "divide by zero");
      if (a == INT64_MIN && b == -1) break;
      std::int64_t q = a / b, m = a % b;
      if (m != 0 && ((m < 0) != (b < 0))) q -= 1, m += b;
      return vm.int_value(op == BinaryOp::modulo ? m : q);
    }
    case BinaryOp::true_divide:
      if (b == 0) vm.raise(vm.e_zero_division, "divide by zero");
      return vm.float_value(static_cast<double>(a) / static_cast<double>(b));
    case BinaryOp::power: {
      if (b < 0) {
        if (a == 0) vm.raise(vm.e_zero_division, "divide by zero");
        return vm.float_value(std::pow(static_cast<double>(a), static_cast<double>(b)));
      }
      std::int64_t result = 1, base = a, e = b;
      bool overflow = false;
      while (e && !overflow) {
        if (e & 1) overflow |= __builtin_mul_overflow(result, base, &result);
        e >>= 1;
        if (e) overflow |= __builtin_mul_overflow(base, base, &base);
      }
      if (overflow) break;
      return vm.int_value(result);
    }
    case BinaryOp::lshift:
      if (b < 0) vm.raise(vm.e_value, "negative shift count");
      if (b < 62 && a == ((a << b) >> b)) return vm.int_value(a << b);
      break;
    case BinaryOp::rshift:
      if (b < 0) vm.raise(vm.e_value, "negative shift count");
      return vm.int_value(b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
    case BinaryOp::and_:
      return vm.int_value(a & b);
    case BinaryOp::or_:
      return vm.int_value(a | b);
    case BinaryOp::xor_:
      return vm.int_value(a ^ b);
    default:
      return compare_result(vm, op, a < b ? -1 : a > b ? 1 : 0);
  }
  return big_op(vm, op, BigInt(a), BigInt(b));
}

Value float_op(Vm& vm, BinaryOp op, double a, double b) {
  switch (op) {
    case BinaryOp::add:
      return vm.float_value(a + b);
    case BinaryOp::subtract:
      return vm.float_value(a - b);
    case BinaryOp::multiply:
      return vm.float_value(a * b);
    case BinaryOp::true_divide:
      if (b == 0) vm.raise(vm.e_zero_division, "divide by zero");
      return vm.float_value(a / b);
    case BinaryOp::floor_divide:
      if (b == 0) vm.raise(vm.e_zero_division, "divide by zero");
      return vm.float_value(float_floordiv(a, b));
    case BinaryOp::modulo:
      if (b == 0) vm.raise(vm.e_zero_division, "divide by zero");
      return vm.float_value(float_mod(a, b));
    case BinaryOp::power:
      if (a == 0 && b < 0) vm.raise(vm.e_zero_division, "0.0 to a negative power");
      if (a < 0 && b != std::floor(b)) {
        double mag = std::pow(-a, b), ang = b * M_PI;
        return vm.complex_value(mag * std::cos(ang), mag * std::sin(ang));
      }
      return vm.float_value(std::pow(a, b));
    case BinaryOp::less:
      return vm.boolean(a < b);
    case BinaryOp::more:
      return vm.boolean(a > b);
    case BinaryOp::equal:
      return vm.boolean(a == b);
    case BinaryOp::less_equal:
      return vm.boolean(a <= b);
    case BinaryOp::more_equal:
      return vm.boolean(a >= b);
    case BinaryOp::not_equal:
      return vm.boolean(a != b);
    default:
      return {};
  }
}

bool complex_parts(Vm& vm, Value v, double& re, double& im) {
  if (v.is_obj() && v.obj()->kind == Kind::complex) {
    auto* c = static_cast<ComplexObj*>(v.obj());
    re = c->real, im = c->imag;
    return true;
  }
  if (is_intlike(v) || (v.is_obj() && v.obj()->kind == Kind::flt)) {
    re = vm.to_float(v), im = 0;
    return true;
  }
  return false;
}

Value complex_op(Vm& vm, BinaryOp op, double ar, double ai, double br, double bi) {
  switch (op) {
    case BinaryOp::add:
      return vm.complex_value(ar + br, ai + bi);
    case BinaryOp::subtract:
      return vm.complex_value(ar - br, ai - bi);
    case BinaryOp::multiply:
      return vm.complex_value(ar * br - ai * bi, ar * bi + ai * br);
    case BinaryOp::true_divide: {
      double d = br * br + bi * bi;
      if (d == 0) vm.raise(vm.e_zero_division, "complex divide by zero");
      return vm.complex_value((ar * br + ai * bi) / d, (ai * br - ar * bi) / d);
    }
    case BinaryOp::power: {
      if (br == 0 && bi == 0) return vm.complex_value(1, 0);
      if (ar == 0 && ai == 0) return vm.complex_value(0, 0);
      double lr = std::log(std::hypot(ar, ai)), th = std::atan2(ai, ar);
      double er = br * lr - bi * th, ei = bi * lr + br * th;
      double mag = std::exp(er);
      return vm.complex_value(mag * std::cos(ei), mag * std::sin(ei));
    }
    case BinaryOp::equal:
      return vm.boolean(ar == br && ai == bi);
    case BinaryOp::not_equal:
      return vm.boolean(ar != br || ai != bi);
    default:
      return {};
  }
}

}  // namespace

Value compare_result(Vm& vm, BinaryOp op, int c) {
  switch (op) {
    case BinaryOp::less:
      return vm.boolean(c < 0);
    case BinaryOp::more:
      return vm.boolean(c > 0);
    case BinaryOp::equal:
      return vm.boolean(c == 0);
    case BinaryOp::less_equal:
      return vm.boolean(c <= 0);
    case BinaryOp::more_equal:
      return vm.boolean(c >= 0);
    case BinaryOp::not_equal:
      return vm.boolean(c != 0);
    default:
      return {};
  }
}

BinaryOp base_op(BinaryOp op) {
  auto n = static_cast<int>(op);
  if (n >= static_cast<int>(BinaryOp::inplace_or) && n <= static_cast<int>(BinaryOp::inplace_power)) {
    return static_cast<BinaryOp>(n - static_cast<int>(BinaryOp::inplace_or) + static_cast<int>(BinaryOp::or_));
  }
  return op;
}

Value numeric_binary_op(Vm& vm, BinaryOp op, Value a, Value b) {
  op = base_op(op);
  std::int64_t x, y;
  if (is_intlike(a) && is_intlike(b)) {
    if (small_of(a, x) && small_of(b, y)) return small_op(vm, op, x, y);
    return big_op(vm, op, vm.to_bigint(a), vm.to_bigint(b));
  }
  bool af = a.is_obj() && a.obj()->kind == Kind::flt, bf = b.is_obj() && b.obj()->kind == Kind::flt;
  if ((af || is_intlike(a)) && (bf || is_intlike(b))) return float_op(vm, op, vm.to_float(a), vm.to_float(b));
  double ar, ai, br, bi;
  if (complex_parts(vm, a, ar, ai) && complex_parts(vm, b, br, bi)) return complex_op(vm, op, ar, ai, br, bi);
  return {};
}

}  // namespace cpy::vm
