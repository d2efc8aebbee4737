// array and re: placeholders (array item access raises NotImplementedError; re has no functions yet).
#include "firmware/modules/modules.hpp"

namespace cpy::vm {

std::size_t array_item_size(char code) {
  switch (code) {
    case 'b':
    case 'B':
      return 1;
    case 'h':
    case 'H':
      return 2;
    case 'i':
    case 'I':
    case 'l':
    case 'L':
    case 'f':
      return 4;
    case 'q':
    case 'Q':
    case 'd':
      return 8;
    default:
      return 1;
  }
}

Value array_subscr(Vm& vm, ArrayObj*, Value, Value) { vm.raise(vm.e_not_implemented, "array"); }

void init_array(Vm&, ModuleObj*) {}
void init_re(Vm&, ModuleObj*) {}

}  // namespace cpy::vm
