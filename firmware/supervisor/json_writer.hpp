// A tiny streaming JSON writer for the web workflow's replies (objects, arrays, strings, integers, booleans).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cpy::firmware {

/// Keys keep the order they are written in, as the board's replies do.
class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  /// The next value is this object member.
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view text);
  JsonWriter& number(std::int64_t n);
  JsonWriter& unsigned_number(std::uint64_t n);
  JsonWriter& boolean(bool b);
  const std::string& text() const { return m_out; }

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void separate();
  void quoted(std::string_view text);

  std::string m_out;
  std::vector<bool> m_first;  ///< per open container: no element written yet
  bool m_after_key = false;
};

}  // namespace cpy::firmware
