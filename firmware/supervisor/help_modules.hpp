// The text of help('modules'): built-in and frozen module names in CircuitPython's four-column layout.
#pragma once

#include <string>
#include <vector>

namespace cpy::firmware {

/// Sorts and de-duplicates `names` and lays them out column-major in 4 columns of width 18, ending with
/// "Plus any modules on the filesystem". Lines end in "\n" (the console cooks them).
std::string help_modules_text(std::vector<std::string> names);

}  // namespace cpy::firmware
