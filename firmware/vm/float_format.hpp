// MicroPython-compatible float repr and float literal parsing (spec mpy-format.md §9.2).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cpy::vm {

/// repr() of a float as MicroPython prints it (e.g. "0.1", "1e+16", "inf").
std::string float_repr(double f);
/// Parses a decimal float literal the way MicroPython does; nullopt if malformed. Accepts inf/nan.
std::optional<double> parse_float(std::string_view text);

}  // namespace cpy::vm
