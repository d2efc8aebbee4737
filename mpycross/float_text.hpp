// MicroPython-exact float literal parsing and float repr (spec §9.2, §9.3), using x87 long double.
#pragma once

#include <string>
#include <string_view>

namespace cpy::mpycross {

/// Parses the unsigned decimal text of a float literal (digits, '.', exponent; '_' ignored) like MicroPython.
double parse_float_literal(std::string_view text);
/// MicroPython's repr() of a double ("0.1", "1e+100", "inf"); `add_point` appends ".0" to integral values.
std::string format_float(double value, bool add_point = true);
/// Text of a pure-imaginary constant ("3j", "1.5j").
std::string format_imag(double imag);

}  // namespace cpy::mpycross
