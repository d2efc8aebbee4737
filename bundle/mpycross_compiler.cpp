// The project's own compiler as the bundle builder's ModuleCompiler (one per CircuitPython target).
#include "bundle/mpycross_compiler.hpp"

#include "mpycross/compiler.hpp"

namespace cpy::bundle {

Result<std::string> MpycrossModuleCompiler::compile(const std::string& source, const std::string& source_name) {
  auto compiled = mpycross::compile(source, source_name);
  if (auto* failure = std::get_if<mpycross::CompileFailure>(&compiled))
    return make_error(ExitCode::bad_input, "cannot compile " + source_name + ":\n" + failure->stderr_text);
  const auto& bytes = std::get<std::vector<std::uint8_t>>(compiled);
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace cpy::bundle
