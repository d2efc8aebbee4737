// Execution state of one bytecode function activation, and generator objects that keep one alive.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware/vm/object.hpp"

namespace cpy::vm {

struct ExcBlock {
  std::uint32_t handler;  ///< bytecode offset of the handler
  std::int32_t sp;        ///< stack index saved at setup
  bool is_finally;        ///< finally/with block (runs on unwind jumps and returns)
  bool saved_in_except;   ///< in_except flag to restore when the block is popped
  Value prev_exc;         ///< exception being handled (for a bare raise)
};

/// locals live at the top of `state` (local n at state[n_state-1-n]); the value stack grows from state[0].
struct Frame {
  CodeObj* code = nullptr;
  FunctionObj* fun = nullptr;
  DictObj* globals = nullptr;
  DictObj* locals = nullptr;  ///< name lookups of module and class bodies
  Value* state = nullptr;
  std::uint32_t n_state = 0;
  std::int32_t sp = -1;     ///< index of the top of the value stack
  std::uint32_t ip = 0;     ///< next instruction
  std::uint32_t op_ip = 0;  ///< instruction being executed (for line numbers)
  std::vector<ExcBlock> exc;
  bool in_except = false;
  Frame* back = nullptr;

  Value& fast(std::uint32_t n) { return state[n_state - 1 - n]; }
  void trace(Tracer& t) const;
};

enum class GenState : std::uint8_t { created, suspended, running, finished };

struct GeneratorObj : Obj {
  explicit GeneratorObj(TypeObj* t) : Obj(Kind::generator, t) {}
  void trace(Tracer& t) override;
  std::size_t footprint() const override { return 96 + storage.capacity() * sizeof(Value); }
  Frame frame;
  std::vector<Value> storage;
  GenState state = GenState::created;
};

}  // namespace cpy::vm
