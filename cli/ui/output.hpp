// Human and --json output of a command: messages on stderr, results on stdout, colour when wanted.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.hpp"
#include "core/error.hpp"

namespace cpy::cli {

class Output {
 public:
  explicit Output(const GlobalOptions& globals);

  bool json() const { return m_json; }
  bool quiet() const { return m_quiet; }
  /// A line of human output on stdout (suppressed by --quiet and in --json mode).
  void line(const std::string& text) const;
  /// A warning on stderr, shown even with --json (it never goes to stdout).
  void warn(const std::string& text) const;
  /// `cpytool: error: <message>` and the hint on stderr; in --json mode also the error object on stdout.
  void error(const std::string& message, const std::string& hint = {}, ExitCode code = ExitCode::failure) const;
  int fail(const Error& error) const;
  /// The command's result document (only in --json mode).
  void json_result(const nlohmann::json& doc) const;

  std::string bold(const std::string& text) const;
  std::string red(const std::string& text) const;
  std::string green(const std::string& text) const;
  std::string yellow(const std::string& text) const;

 private:
  std::string paint(const char* code, const std::string& text, bool err) const;
  bool m_json;
  bool m_quiet;
  bool m_colour_out;
  bool m_colour_err;
};

}  // namespace cpy::cli
