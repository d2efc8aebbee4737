// One-shot questions to a board over its serial port (open, raw REPL, ask, leave): for commands such as
// install/list/update that need the board's real frozen modules or identity.
#pragma once

#include <string>

#include "core/result.hpp"
#include "device/serial/identity.hpp"
#include "device/serial/modules.hpp"

namespace cpy::device {

/// help('modules') of the board on `port`, parsed (see parse_modules for `known_frozen`).
Result<ModuleList> query_modules(const std::string& port, const std::vector<std::string>& known_frozen = {});
/// The identity probe's answer from the board on `port`.
Result<BoardIdentity> query_identity(const std::string& port);

}  // namespace cpy::device
