// Logging facade over spdlog: logs go to stderr (with -v) and/or a log file, never to stdout.
#pragma once

#include <string>

namespace cpy::log {

/// verbosity 0: warnings only; 1: info; 2+: debug. `file` may be empty. CPYTOOL_LOG names a file too.
void init(int verbosity, const std::string& file);
void debug(const std::string& message);
void info(const std::string& message);
void warn(const std::string& message);

}  // namespace cpy::log
