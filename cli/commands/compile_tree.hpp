// Compiles a project tree to .mpy: parallel, incremental (a stamp file in the output), mirroring folders,
// copying other files and keeping the files a board runs by name (code.py, boot.py, main.py) as source.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "mpycross/compiler.hpp"

namespace cpy::cli {

struct CompileTreeOptions {
  std::filesystem::path source;
  std::filesystem::path output;
  unsigned jobs = 1;
  mpycross::Options compiler;
};

struct CompileTreeReport {
  std::size_t compiled = 0;
  std::size_t copied = 0;
  std::size_t unchanged = 0;
  std::vector<std::string> errors;  ///< mpy-cross style messages of files that failed
};

CompileTreeReport compile_tree(const CompileTreeOptions& options);

}  // namespace cpy::cli
