// Whether a friendly-REPL input is complete or needs a "... " continuation line, and auto-indent.
#pragma once

#include <string>
#include <string_view>

namespace cpy::firmware {

/// `input` is the lines typed so far joined with "\n" (no trailing newline). Incomplete when a bracket or a
/// triple-quoted string is open, the last line ends in a backslash or a colon, or the input starts a compound
/// statement (if/for/while/def/class/try/with/async/@) and the last line is not blank yet.
bool repl_input_complete(std::string_view input);

/// The spaces the next continuation line starts with: the last line's indent, 4 more after a colon.
std::string repl_auto_indent(std::string_view input);

}  // namespace cpy::firmware
