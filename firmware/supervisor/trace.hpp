// Where pin changes and pixel writes go (--trace FILE): one JSON object per line.
#pragma once

#include <string>

namespace cpy::firmware {

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  /// One complete JSON object, without the newline.
  virtual void record(const std::string& json_line) = 0;
};

/// A JSON string literal for `text` (quotes and escapes included).
std::string json_quote(const std::string& text);

}  // namespace cpy::firmware
