// JsonWriter: commas between elements, string escaping (control characters as \u00XX, UTF-8 passed through).
#include "firmware/supervisor/json_writer.hpp"

#include <cstdio>

namespace cpy::firmware {

void JsonWriter::separate() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (m_first.empty()) return;
  if (!m_first.back()) m_out += ',';
  m_first.back() = false;
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  m_out += bracket;
  m_first.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  m_out += bracket;
  if (!m_first.empty()) m_first.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  quoted(name);
  m_out += ':';
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  separate();
  quoted(text);
  return *this;
}

JsonWriter& JsonWriter::number(std::int64_t n) {
  separate();
  m_out += std::to_string(n);
  return *this;
}

JsonWriter& JsonWriter::unsigned_number(std::uint64_t n) {
  separate();
  m_out += std::to_string(n);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool b) {
  separate();
  m_out += b ? "true" : "false";
  return *this;
}

void JsonWriter::quoted(std::string_view text) {
  m_out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        m_out += "\\\"";
        break;
      case '\\':
        m_out += "\\\\";
        break;
      case '\n':
        m_out += "\\n";
        break;
      case '\r':
        m_out += "\\r";
        break;
      case '\t':
        m_out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04X", static_cast<unsigned>(c));
          m_out += escape;
        } else {
          m_out += c;
        }
    }
  }
  m_out += '"';
}

}  // namespace cpy::firmware
