// Running Python source: compiled to .mpy bytes by mpycross, then loaded like any .mpy.
#include <string>

#include "firmware/vm/vm.hpp"
#include "mpycross/compiler.hpp"

namespace cpy::vm {

namespace {

/// The last line of mpy-cross's error text without its type: "SyntaxError: invalid syntax" -> "invalid syntax".
std::string error_message(const std::string& stderr_text) {
  std::string text = stderr_text;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  std::string last = text.substr(text.find_last_of('\n') == std::string::npos ? 0 : text.find_last_of('\n') + 1);
  const auto colon = last.find(": ");
  return colon == std::string::npos ? last : last.substr(colon + 2);
}

}  // namespace

Value Vm::compile_source(std::span<const std::uint8_t> text, std::string_view name) {
  const std::string_view source(reinterpret_cast<const char*>(text.data()), text.size());
  auto compiled = mpycross::compile(source, name);
  if (auto* failure = std::get_if<mpycross::CompileFailure>(&compiled)) {
    Value exc = make_exception(failure->kind == mpycross::CompileFailure::Kind::indentation ? e_indentation : e_syntax,
                               error_message(failure->stderr_text));
    // Like MicroPython: the failing line heads the traceback, without a function name.
    if (failure->line > 0)
      static_cast<ExceptionObj*>(exc.obj())
          ->traceback.push_back({str(std::string(name)), Value(), static_cast<std::size_t>(failure->line)});
    raise_value(exc);
  }
  const auto& bytes = std::get<std::vector<std::uint8_t>>(compiled);
  return load_code(bytes, name);
}

int Vm::run_source(std::string_view text, std::string_view name) {
  volatile char bottom = 0;
  m_heap.set_stack_bottom(const_cast<const char*>(&bottom) + 256);
  try {
    auto bytes = std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    Value code = compile_source(bytes, name);
    return run_main(code);
  } catch (PyRaise& r) {
    print_exception(r.exc);
    return 1;
  }
}

}  // namespace cpy::vm
