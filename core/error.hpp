// Errors as values: the code a failure maps to at the CLI, and a message a user can act on.
#pragma once

#include <string>
#include <utility>

namespace cpy {

/// Process exit codes; the table in docs/cli.md is generated from exit_code_table().
enum class ExitCode : int {
  ok = 0,
  failure = 1,
  usage = 2,
  bad_input = 3,
  no_board = 4,
  network = 5,
  io = 6,
  not_implemented = 10,
};

struct ExitCodeInfo {
  ExitCode code;
  const char* name;
  const char* meaning;
};

/// Every exit code with its documented meaning, in numeric order.
const ExitCodeInfo* exit_code_table(std::size_t& count);

struct Error {
  ExitCode code = ExitCode::failure;
  std::string message;  // what went wrong, with where (file, offset, field)
  std::string hint;     // what to do about it; may be empty
};

inline Error make_error(ExitCode code, std::string message, std::string hint = {}) {
  return Error{code, std::move(message), std::move(hint)};
}

}  // namespace cpy
