// Human and --json output of a command: messages on stderr, results on stdout, colour when wanted.
#include "cli/ui/output.hpp"

#include <cstdio>

#include "cli/ui/terminal.hpp"

namespace cpy::cli {

Output::Output(const GlobalOptions& globals)
    : m_json(globals.json),
      m_quiet(globals.quiet),
      m_colour_out(colour_wanted(stdout, globals.no_color)),
      m_colour_err(colour_wanted(stderr, globals.no_color)) {}

void Output::line(const std::string& text) const {
  if (m_quiet || m_json) return;
  std::fputs(text.c_str(), stdout);
  std::fputc('\n', stdout);
}

void Output::warn(const std::string& text) const {
  std::fprintf(stderr, "cpytool: %s %s\n", paint("33", "warning:", true).c_str(), text.c_str());
}

void Output::error(const std::string& message, const std::string& hint, ExitCode code) const {
  std::fprintf(stderr, "cpytool: %s %s\n", paint("31;1", "error:", true).c_str(), message.c_str());
  if (!hint.empty()) std::fprintf(stderr, "  hint: %s\n", hint.c_str());
  if (m_json) {
    std::size_t count = 0;
    const ExitCodeInfo* table = exit_code_table(count);
    std::string name = "failure";
    for (std::size_t i = 0; i < count; ++i)
      if (table[i].code == code) name = table[i].name;
    nlohmann::json doc = {{"ok", false},
                          {"error", {{"code", name}, {"exit_code", static_cast<int>(code)}, {"message", message}}}};
    if (!hint.empty()) doc["error"]["hint"] = hint;
    std::puts(doc.dump(2).c_str());
  }
}

int Output::fail(const Error& err) const {
  error(err.message, err.hint, err.code);
  return static_cast<int>(err.code);
}

void Output::json_result(const nlohmann::json& doc) const {
  if (m_json) std::puts(doc.dump(2).c_str());
}

std::string Output::paint(const char* code, const std::string& text, bool err) const {
  if (!(err ? m_colour_err : m_colour_out)) return text;
  return std::string("\x1b[") + code + "m" + text + "\x1b[0m";
}

std::string Output::bold(const std::string& text) const { return paint("1", text, false); }
std::string Output::red(const std::string& text) const { return paint("31", text, false); }
std::string Output::green(const std::string& text) const { return paint("32", text, false); }
std::string Output::yellow(const std::string& text) const { return paint("33", text, false); }

}  // namespace cpy::cli
