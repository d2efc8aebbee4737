// errno codes: their names (the errno module) and the text CircuitPython prints in "[Errno N] text".
#pragma once

#include <span>
#include <string>

namespace cpy::vm {

struct ErrnoName {
  const char* name;
  int code;
};

/// The codes the errno module offers, as CircuitPython's unix-like numbering has them.
std::span<const ErrnoName> errno_names();
/// "No such file/directory" for 2 (CircuitPython's wording for the common codes), else the code's name
/// ("EBADF"), else empty.
std::string errno_text(int code);

}  // namespace cpy::vm
