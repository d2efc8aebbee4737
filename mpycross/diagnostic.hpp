// The error value every mpycross stage reports (rendered exactly like mpy-cross's stderr, spec §10).
#pragma once

#include <cstddef>
#include <string>

namespace cpy::mpycross {

/// The longest qstr (identifier, dotted import name) in bytes; longer ones are `RuntimeError: name too long`.
inline constexpr std::size_t k_max_qstr_len = 255;

struct Diagnostic {
  enum class Form { traceback, bare };
  Form form = Form::traceback;
  std::string type = "SyntaxError";  ///< exception type name
  std::string message;
  int line = 0;
  long column = 0;    ///< 1-based column of the token the parser stopped at (tabs to multiples of 8); 0 if unknown
  std::string scope;  ///< ", in <scope>" part; empty for parser/lexer errors

  /// mpy-cross's "name too long": a bare RuntimeError without traceback.
  static Diagnostic name_too_long() {
    Diagnostic d;
    d.form = Form::bare;
    d.type = "RuntimeError";
    d.message = "name too long";
    return d;
  }
};

}  // namespace cpy::mpycross
