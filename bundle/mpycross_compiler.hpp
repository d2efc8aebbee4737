// The project's own compiler as the bundle builder's ModuleCompiler (one per CircuitPython target).
#pragma once

#include "bundle/builder.hpp"

namespace cpy::bundle {

/// Compiles with mpycross; 9.x and 10.x boards both load its mpy v6 bytecode (mpy-format.md §11.3).
class MpycrossModuleCompiler final : public ModuleCompiler {
 public:
  explicit MpycrossModuleCompiler(std::string target) : m_target(std::move(target)) {}
  std::string target_name() const override { return m_target; }
  Result<std::string> compile(const std::string& source, const std::string& source_name) override;

 private:
  std::string m_target;
};

}  // namespace cpy::bundle
