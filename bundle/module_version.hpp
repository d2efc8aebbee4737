// The version a library file declares: `__version__` in .py text, or the metadata of a .mpy file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cpy::bundle {

/// `__version__ = "1.2.3"` (optionally annotated) in Python source; "" when absent.
std::string version_from_py(std::string_view text);

struct MpyFacts {
  bool valid = false;   // a CircuitPython .mpy header ('C', known version)
  int mpy_version = 0;  // 5 for CircuitPython 7-8, 6 for 9-10
  std::string version;  // the module's __version__, "" when absent
};

/// Header and __version__ of a .mpy file (through the mpy/ metadata reader, with a string scan as fallback).
MpyFacts mpy_facts(std::string_view bytes);

/// The .mpy version a CircuitPython major version loads (5 for 7-8, 6 for 9-10), 0 when unknown.
int mpy_version_for_cpy_major(int major);

}  // namespace cpy::bundle
