// help('modules') layout: column-major, 4 columns of 18 characters, no trailing spaces.
#include "firmware/supervisor/help_modules.hpp"

#include <algorithm>

namespace cpy::firmware {

namespace {
constexpr std::size_t k_columns = 4;
constexpr std::size_t k_column_width = 18;

std::size_t padding_after(const std::string& name) {
  if (name.size() < k_column_width) return k_column_width - name.size();
  std::size_t pad = k_column_width - name.size() % k_column_width;
  return pad == 0 ? k_column_width : pad;
}
}  // namespace

std::string help_modules_text(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  std::size_t rows = (names.size() + k_columns - 1) / k_columns;
  for (std::size_t row = 0; row < rows; ++row) {
    for (std::size_t col = 0; col < k_columns; ++col) {
      std::size_t index = row + col * rows;
      if (index >= names.size()) break;
      out += names[index];
      bool last_on_line = col + 1 == k_columns || index + rows >= names.size();
      if (!last_on_line) out.append(padding_after(names[index]), ' ');
    }
    out += '\n';
  }
  out += "Plus any modules on the filesystem\n";
  return out;
}

}  // namespace cpy::firmware
