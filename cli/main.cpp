// cpytool's entry point.
#include "cli/app.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return cpy::cli::run_cli(args);
}
