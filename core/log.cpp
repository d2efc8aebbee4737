// Logging facade over spdlog: logs go to stderr (with -v) and/or a log file, never to stdout.
#include "core/log.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

namespace cpy::log {

void init(int verbosity, const std::string& file) {
  std::vector<spdlog::sink_ptr> sinks;
  auto err_sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  err_sink->set_level(verbosity >= 2   ? spdlog::level::debug
                      : verbosity == 1 ? spdlog::level::info
                                       : spdlog::level::off);
  sinks.push_back(err_sink);
  std::string path = file;
  if (path.empty())
    if (const char* env = std::getenv("CPYTOOL_LOG")) path = env;
  if (!path.empty()) {
    try {
      auto file_sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path);
      file_sink->set_level(spdlog::level::debug);
      sinks.push_back(file_sink);
    } catch (const spdlog::spdlog_ex&) {
      // An unwritable log file must not stop the command; the stderr sink still works.
    }
  }
  auto logger = std::make_shared<spdlog::logger>("cpytool", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::debug);
  logger->set_pattern("[%H:%M:%S.%e] [%l] %v");
  spdlog::set_default_logger(logger);
}

void debug(const std::string& message) { spdlog::debug(message); }
void info(const std::string& message) { spdlog::info(message); }
void warn(const std::string& message) { spdlog::warn(message); }

}  // namespace cpy::log
