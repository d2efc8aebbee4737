// What the terminal can do: is it a TTY, its width, and whether colour is wanted.
#pragma once

#include <cstdio>

namespace cpy::cli {

bool is_tty(std::FILE* stream);
/// Columns of the terminal behind `stream`, or `fallback` when it is not a terminal.
int terminal_width(std::FILE* stream, int fallback = 80);
/// Colour only on a TTY, and never when --no-color or a non-empty NO_COLOR is set.
bool colour_wanted(std::FILE* stream, bool no_color_flag);

}  // namespace cpy::cli
