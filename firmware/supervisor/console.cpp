// Line-ending cooking for everything written to the console.
#include "firmware/supervisor/console.hpp"

#include <string>

namespace cpy::firmware {

std::string cook_line_endings(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace cpy::firmware
