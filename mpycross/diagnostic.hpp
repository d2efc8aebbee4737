// The error value every mpycross stage reports (rendered exactly like mpy-cross's stderr, spec §10).
#pragma once

#include <string>

namespace cpy::mpycross {

struct Diagnostic {
  enum class Form { traceback, bare };
  Form form = Form::traceback;
  std::string type = "SyntaxError";  ///< exception type name
  std::string message;
  int line = 0;
  std::string scope;  ///< ", in <scope>" part; empty for parser/lexer errors
};

}  // namespace cpy::mpycross
