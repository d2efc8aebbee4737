// Worklist data flow over the bytecode: the depth at each reachable instruction, as the compiler counts it.
#include "firmware/vm/stack_check.hpp"

#include <vector>

#include "mpy/instruction.hpp"

namespace cpy::vm {

namespace {

using mpy::Op;

constexpr int k_iter_slots = 4;

bool is(const mpy::Instruction& in, Op op) { return in.opcode == static_cast<std::uint8_t>(op); }

struct Flow {
  std::vector<int> depth;  // -1: not reached yet
  std::vector<std::size_t> work;
  void reach(std::int64_t offset, int d) {
    if (offset < 0 || static_cast<std::size_t>(offset) >= depth.size()) return;  // the reader checked jumps
    auto at = static_cast<std::size_t>(offset);
    if (d < 0) d = 0;
    if (d > depth[at]) {
      depth[at] = d;
      work.push_back(at);
    }
  }
};

}  // namespace

std::string check_stack_use(std::span<const std::uint8_t> code, std::uint32_t n_state) {
  const int limit = static_cast<int>(n_state);
  Flow flow;
  flow.depth.assign(code.size(), -1);
  flow.reach(0, 0);
  while (!flow.work.empty()) {
    const std::size_t at = flow.work.back();
    flow.work.pop_back();
    const int d = flow.depth[at];
    mpy::InstructionProblem problem = mpy::InstructionProblem::none;
    auto decoded = mpy::decode_instruction(code, at, problem);
    if (!decoded) continue;  // the trailing guard byte, or bytes the reader already vetted as unreachable
    const mpy::Instruction& in = *decoded;
    int after = d + mpy::stack_effect(*in.info, static_cast<std::uint64_t>(in.arg), in.extra);
    int peak = after;
    if (is(in, Op::WITH_CLEANUP)) after = d - 2, peak = d + 2;  // the compiler adjusts by -4 after it
    if (peak > limit || d > limit) {
      return "stack use exceeds n_state " + std::to_string(n_state) + " at bytecode offset " + std::to_string(at);
    }
    const std::int64_t next = static_cast<std::int64_t>(in.end());
    if (is(in, Op::JUMP)) {
      flow.reach(in.target, after);
    } else if (is(in, Op::POP_JUMP_IF_TRUE) || is(in, Op::POP_JUMP_IF_FALSE)) {
      flow.reach(in.target, after), flow.reach(next, after);
    } else if (is(in, Op::JUMP_IF_TRUE_OR_POP) || is(in, Op::JUMP_IF_FALSE_OR_POP)) {
      flow.reach(in.target, d), flow.reach(next, after);
    } else if (is(in, Op::FOR_ITER)) {
      flow.reach(in.target, d - k_iter_slots), flow.reach(next, after);
    } else if (is(in, Op::SETUP_EXCEPT) || is(in, Op::SETUP_FINALLY)) {
      flow.reach(in.target, d + 1), flow.reach(next, after);  // the handler starts with the exception
    } else if (is(in, Op::SETUP_WITH)) {
      flow.reach(in.target, after), flow.reach(next, after);
    } else if (is(in, Op::POP_EXCEPT_JUMP)) {
      flow.reach(in.target, after);
    } else if (is(in, Op::UNWIND_JUMP) || is(in, Op::RETURN_VALUE) || is(in, Op::RAISE_LAST) || is(in, Op::RAISE_OBJ) ||
               is(in, Op::RAISE_FROM)) {
      // no successor with a statically known depth (an unwind target is checked at run time)
    } else {
      flow.reach(next, after);
    }
  }
  return {};
}

}  // namespace cpy::vm
