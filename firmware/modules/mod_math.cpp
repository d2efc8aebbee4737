// The math module (double precision, MicroPython's names and errors).
#include <cmath>

#include "firmware/modules/modules.hpp"

namespace cpy::vm {

namespace {

double arg(Vm& vm, const Args& a, std::size_t i) {
  if (i >= a.n_pos) vm.raise(vm.e_type, "function missing required positional argument");
  return vm.to_float(a[i]);
}

Value checked(Vm& vm, double r, double x) {
  if (std::isnan(r) && !std::isnan(x)) vm.raise(vm.e_value, "math domain error");
  return vm.float_value(r);
}

#define CPY_MATH_1(name, expr)      \
  Value m_##name(Vm& vm, Args& a) { \
    double x = arg(vm, a, 0);       \
    return checked(vm, (expr), x);  \
  }
CPY_MATH_1(sqrt, x < 0 ? NAN : std::sqrt(x))
CPY_MATH_1(exp, std::exp(x))
CPY_MATH_1(sin, std::sin(x))
CPY_MATH_1(cos, std::cos(x))
CPY_MATH_1(tan, std::tan(x))
CPY_MATH_1(asin, std::asin(x))
CPY_MATH_1(acos, std::acos(x))
CPY_MATH_1(atan, std::atan(x))
CPY_MATH_1(sinh, std::sinh(x))
CPY_MATH_1(cosh, std::cosh(x))
CPY_MATH_1(tanh, std::tanh(x))
CPY_MATH_1(asinh, std::asinh(x))
CPY_MATH_1(acosh, std::acosh(x))
CPY_MATH_1(atanh, std::fabs(x) >= 1 ? NAN : std::atanh(x))
CPY_MATH_1(fabs, std::fabs(x))
CPY_MATH_1(degrees, x * 180.0 / M_PI)
CPY_MATH_1(radians, x* M_PI / 180.0)
CPY_MATH_1(log2, x <= 0 ? NAN : std::log2(x))
CPY_MATH_1(log10, x <= 0 ? NAN : std::log10(x))
CPY_MATH_1(expm1, std::expm1(x))
CPY_MATH_1(log1p, std::log1p(x))
CPY_MATH_1(erf, std::erf(x))
CPY_MATH_1(erfc, std::erfc(x))
CPY_MATH_1(gamma, std::tgamma(x))
CPY_MATH_1(lgamma, std::lgamma(x))
#undef CPY_MATH_1

Value m_log(Vm& vm, Args& a) {
  double x = arg(vm, a, 0);
  if (x <= 0) vm.raise(vm.e_value, "math domain error");
  double r = std::log(x);
  if (a.n_pos == 2) {
    double b = arg(vm, a, 1);
    if (b <= 0) vm.raise(vm.e_value, "math domain error");
    if (b == 1) vm.raise(vm.e_zero_division, "divide by zero");
    r /= std::log(b);
  }
  return vm.float_value(r);
}

Value to_int_result(Vm& vm, double d) {
  auto b = BigInt::from_double(d);
  if (!b) vm.raise(std::isnan(d) ? vm.e_value : vm.e_overflow, "cannot convert float to int");
  return vm.int_value(*b);
}

Value m_floor(Vm& vm, Args& a) {
  if (vm.is_int(a[0])) return a[0];
  return to_int_result(vm, std::floor(arg(vm, a, 0)));
}
Value m_ceil(Vm& vm, Args& a) {
  if (vm.is_int(a[0])) return a[0];
  return to_int_result(vm, std::ceil(arg(vm, a, 0)));
}
Value m_trunc(Vm& vm, Args& a) {
  if (vm.is_int(a[0])) return a[0];
  return to_int_result(vm, std::trunc(arg(vm, a, 0)));
}
Value m_pow(Vm& vm, Args& a) { return vm.float_value(std::pow(arg(vm, a, 0), arg(vm, a, 1))); }
Value m_atan2(Vm& vm, Args& a) { return vm.float_value(std::atan2(arg(vm, a, 0), arg(vm, a, 1))); }
Value m_fmod(Vm& vm, Args& a) { return vm.float_value(std::fmod(arg(vm, a, 0), arg(vm, a, 1))); }
Value m_copysign(Vm& vm, Args& a) { return vm.float_value(std::copysign(arg(vm, a, 0), arg(vm, a, 1))); }
Value m_ldexp(Vm& vm, Args& a) { return vm.float_value(std::ldexp(arg(vm, a, 0), static_cast<int>(vm.to_int(a[1])))); }
Value m_hypot(Vm& vm, Args& a) { return vm.float_value(std::hypot(arg(vm, a, 0), arg(vm, a, 1))); }
Value m_isnan(Vm& vm, Args& a) { return vm.boolean(std::isnan(arg(vm, a, 0))); }
Value m_isinf(Vm& vm, Args& a) { return vm.boolean(std::isinf(arg(vm, a, 0))); }
Value m_isfinite(Vm& vm, Args& a) { return vm.boolean(std::isfinite(arg(vm, a, 0))); }
Value m_modf(Vm& vm, Args& a) {
  double ip;
  double fp = std::modf(arg(vm, a, 0), &ip);
  return vm.tuple({vm.float_value(fp), vm.float_value(ip)});
}
Value m_frexp(Vm& vm, Args& a) {
  int e;
  double m = std::frexp(arg(vm, a, 0), &e);
  return vm.tuple({vm.float_value(m), Value::small(e)});
}
Value m_factorial(Vm& vm, Args& a) {
  std::int64_t n = vm.to_int(a[0]);
  if (n < 0) vm.raise(vm.e_value, "negative factorial");
  BigInt r(1);
  for (std::int64_t i = 2; i <= n; ++i) r = r * BigInt(i);
  return vm.int_value(r);
}
Value m_gcd(Vm& vm, Args& a) {
  BigInt x = vm.to_bigint(a[0]), y = vm.to_bigint(a[1]);
  if (x.is_negative()) x = -x;
  if (y.is_negative()) y = -y;
  while (!y.is_zero()) {
    BigInt q, r;
    BigInt::floor_divmod(x, y, q, r);
    x = y, y = r;
  }
  return vm.int_value(x);
}
Value m_isclose(Vm& vm, Args& a) {
  double x = arg(vm, a, 0), y = arg(vm, a, 1);
  Value rt = a.kwarg("rel_tol"), at = a.kwarg("abs_tol");
  double rel = rt ? vm.to_float(rt) : 1e-9, abs_tol = at ? vm.to_float(at) : 0;
  if (x == y) return vm.boolean(true);
  double d = std::fabs(x - y);
  return vm.boolean(d <= std::fabs(rel * x) || d <= std::fabs(rel * y) || d <= abs_tol);
}

}  // namespace

void init_math(Vm& vm, ModuleObj* m) {
  struct F {
    const char* name;
    NativeFn fn;
  };
  static const F k_fns[] = {
      {"sqrt", m_sqrt},
      {"exp", m_exp},
      {"sin", m_sin},
      {"cos", m_cos},
      {"tan", m_tan},
      {"asin", m_asin},
      {"asinh", m_asinh},
      {"acosh", m_acosh},
      {"atanh", m_atanh},
      {"acos", m_acos},
      {"atan", m_atan},
      {"sinh", m_sinh},
      {"cosh", m_cosh},
      {"tanh", m_tanh},
      {"fabs", m_fabs},
      {"degrees", m_degrees},
      {"radians", m_radians},
      {"log2", m_log2},
      {"log10", m_log10},
      {"expm1", m_expm1},
      {"log1p", m_log1p},
      {"erf", m_erf},
      {"erfc", m_erfc},
      {"gamma", m_gamma},
      {"lgamma", m_lgamma},
      {"log", m_log},
      {"floor", m_floor},
      {"ceil", m_ceil},
      {"trunc", m_trunc},
      {"pow", m_pow},
      {"atan2", m_atan2},
      {"fmod", m_fmod},
      {"copysign", m_copysign},
      {"ldexp", m_ldexp},
      {"hypot", m_hypot},
      {"isnan", m_isnan},
      {"isinf", m_isinf},
      {"isfinite", m_isfinite},
      {"modf", m_modf},
      {"frexp", m_frexp},
      {"factorial", m_factorial},
      {"gcd", m_gcd},
      {"isclose", m_isclose},
  };
  for (const auto& f : k_fns) add_fn(vm, m, f.name, f.fn);
  vm.dict_store_str(m->globals, "pi", vm.float_value(M_PI));
  vm.dict_store_str(m->globals, "e", vm.float_value(M_E));
  vm.dict_store_str(m->globals, "tau", vm.float_value(2 * M_PI));
  vm.dict_store_str(m->globals, "inf", vm.float_value(INFINITY));
  vm.dict_store_str(m->globals, "nan", vm.float_value(NAN));
}

}  // namespace cpy::vm
