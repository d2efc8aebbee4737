// Column-aligned text tables for human output.
#pragma once

#include <string>
#include <vector>

namespace cpy::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  void add_row(std::vector<std::string> cells);
  /// Header, a rule, then rows; columns padded to their widest cell (UTF-8 aware).
  std::string render() const;
  bool empty() const { return m_rows.empty(); }

 private:
  std::vector<std::string> m_headers;
  std::vector<std::vector<std::string>> m_rows;
};

/// Display width of UTF-8 text in columns (one per code point).
std::size_t display_width(const std::string& text);

}  // namespace cpy::cli
