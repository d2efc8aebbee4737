// The Interpreter over the project's own VM (firmware/vm) and compiler (mpycross): what `board start` runs.
#pragma once

#include <memory>
#include <mutex>

#include "firmware/supervisor/interpreter.hpp"

namespace cpy::firmware {

class VmInterpreter : public Interpreter {
 public:
  VmInterpreter();
  ~VmInterpreter() override;

  void attach(ModuleFinder& finder, BoardServices& services, OutputSink output) override;
  void start(const VmConfig& config) override;
  void stop() override;
  RunResult run_source(std::string_view source, std::string_view name, InputKind kind) override;
  RunResult run_mpy(std::string_view mpy_bytes, std::string_view name) override;
  bool is_complete_input(std::string_view source) override;
  void request_interrupt(InterruptKind kind) override;
  std::vector<std::string> builtin_module_names() const override;

  struct State;

 private:
  std::unique_ptr<State> m_state;
};

}  // namespace cpy::firmware
