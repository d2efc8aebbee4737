// Source analysis for tools (porting aid, import discovery): tokens with positions, and the imports of a module
// read from the parse tree.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mpycross/diagnostic.hpp"
#include "mpycross/token.hpp"

namespace cpy::mpycross {

struct SourceToken {
  static constexpr std::size_t k_no_offset = static_cast<std::size_t>(-1);
  Tok kind = Tok::end;
  std::string text;  ///< identifier or keyword; decoded contents for strings; empty for operators
  int line = 0;
  long column = 0;                   ///< the lexer's column (tabs expand to multiples of 8)
  std::size_t offset = k_no_offset;  ///< byte offset of a name or keyword in the source, when known
  bool in_fstring_args = false;      ///< replayed from an f-string's `{...}` fields
};

/// Every token up to and including Tok::end (or up to the first lexer error token). Tokens read from the source
/// get their byte offset (names and keywords checked against the text); newline, indent, dedent and end do not.
std::vector<SourceToken> source_tokens(std::string_view source);

/// Byte offset of the start of each line (index 0 is line 1); `\n`, `\r\n` and a lone `\r` end a line.
std::vector<std::size_t> line_starts(std::string_view source);

struct ImportedModule {
  std::string module;                                      ///< dotted name as written; empty for `from . import x`
  int level = 0;                                           ///< leading dots of a relative import
  bool from = false;                                       ///< `from module import names`
  std::string alias;                                       ///< `import a.b as c` -> "c"
  std::vector<std::pair<std::string, std::string>> names;  ///< from-import (name, alias or ""); "*" for a star
  int line = 0;
  bool guarded = false;  ///< inside the body of a `try:` (an optional import)
};

struct ImportScan {
  std::vector<ImportedModule> imports;  ///< in source order; `import a, b` gives two entries
  std::optional<Diagnostic> error;      ///< set when the source does not parse
};

/// The import statements of `source` anywhere in the module (functions, classes, conditionals too).
ImportScan scan_imports(std::string_view source);

}  // namespace cpy::mpycross
