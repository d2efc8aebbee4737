// Streaming reader of the board catalog JSON: BoardInfo records straight from the parser's events, no DOM.
#pragma once

#include <map>
#include <string>

#include "core/board_catalog.hpp"

namespace cpy {

/// Fills `boards` from `json_text`; false when the text is not JSON with a "boards" object.
bool read_board_catalog(const std::string& json_text, std::map<std::string, BoardInfo>& boards);

}  // namespace cpy
