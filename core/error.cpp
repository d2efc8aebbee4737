// The documented exit-code table.
#include "core/error.hpp"

#include <iterator>

namespace cpy {

namespace {
constexpr ExitCodeInfo k_exit_codes[] = {
    {ExitCode::ok, "ok", "success"},
    {ExitCode::failure, "failure", "the command failed (for run/exec: the code raised an exception)"},
    {ExitCode::usage, "usage", "bad command line: unknown command or option, missing argument"},
    {ExitCode::bad_input, "bad-input", "an input file or data is invalid (corrupt zip, malformed .mpy, bad JSON)"},
    {ExitCode::no_board, "no-board", "no CircuitPython board (drive or serial port) was found"},
    {ExitCode::network, "network", "a download or network request failed and nothing usable was cached"},
    {ExitCode::io, "io", "reading or writing a file or device failed (drive full, board unplugged)"},
    {ExitCode::not_implemented, "not-implemented", "the command is planned but not implemented yet"},
};
}  // namespace

const ExitCodeInfo* exit_code_table(std::size_t& count) {
  count = std::size(k_exit_codes);
  return k_exit_codes;
}

}  // namespace cpy
