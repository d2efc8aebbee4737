// The mpy-cross drop-in: argument syntax and behaviour of CircuitPython's mpy-cross (spec §8, §10).
#pragma once

#include <string>
#include <vector>

namespace cpy::cli {

/// Runs mpy-cross with its own argument syntax (`args` excludes the program name); returns the exit code.
int run_mpy_cross(const std::vector<std::string>& args);

}  // namespace cpy::cli
