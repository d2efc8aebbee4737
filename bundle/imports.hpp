// A token-level scan of Python source for imported module names (for `install --auto`), until the
// compiler's parser can be used.
#pragma once

#include <string>
#include <vector>

namespace cpy::bundle {

struct ImportedName {
  std::string name;  // dotted: "adafruit_display_text.label"
  int level = 0;     // leading dots of a relative import
};

/// `import a.b, c as d` and `from x import y, (z)`: yields a.b, c, x and x.y. Strings and comments are
/// skipped; `*` is dropped.
std::vector<ImportedName> scan_imports(const std::string& source);

}  // namespace cpy::bundle
