// `cpytool board start`: declared on the `board` command (cli/commands/board.cpp) next to `board run`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "cli/command.hpp"

namespace cpy::cli {

/// Adds the `start` subcommand to `board_cmd`; returns it and what runs it once it was parsed.
std::pair<CLI::App*, Runner> add_board_start(CLI::App& board_cmd);

/// "192k", "2M", "65536" -> bytes; nothing when malformed.
std::optional<std::size_t> parse_byte_size(const std::string& text);

/// The cpytool build date as YYYY-MM-DD (the date in the board's version line).
std::string build_date();

}  // namespace cpy::cli
