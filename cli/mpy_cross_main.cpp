// Entry point of the standalone `mpy-cross` binary: the same code as `cpytool mpy-cross`, linked with only the
// compiler and the C library so that it starts about ten times faster (docs/performance.md).
#include <string>
#include <vector>

#include "cli/commands/mpy_cross.hpp"

int main(int argc, char** argv) { return cpy::cli::run_mpy_cross(std::vector<std::string>(argv + 1, argv + argc)); }
