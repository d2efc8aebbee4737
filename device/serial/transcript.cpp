// Parsing console transcripts: banner line, "<file> output:" and the safe-mode block.
#include "device/serial/transcript.hpp"

#include <vector>

#include "core/text.hpp"
#include "device/serial/console_text.hpp"

namespace cpy::device {

namespace {

constexpr std::string_view k_banner_start = "Adafruit CircuitPython ";
constexpr std::string_view k_output_suffix = " output:";
constexpr std::string_view k_safe_mode_because = "You are in safe mode because:";
constexpr std::string_view k_press_reset = "Press reset to exit safe mode.";
constexpr std::string_view k_running_in_safe_mode = "Running in safe mode!";

std::vector<std::string> console_lines(std::string_view text) {
  std::vector<std::string> lines;
  for (auto line : split(strip_console_decorations(text), '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

/// "code.py output:" (not "repl.py output:" or "boot.py output:", which are not the main program).
bool is_code_output_line(const std::string& line) {
  if (line.size() <= k_output_suffix.size() || !line.ends_with(k_output_suffix)) return false;
  const std::string file = line.substr(0, line.size() - k_output_suffix.size());
  return file.find(' ') == std::string::npos && file != "repl.py" && file != "boot.py" && file != "safemode.py";
}

/// The reason lines after "You are in safe mode because:", up to "Press reset ..." or a blank line.
std::string reason_after(const std::vector<std::string>& lines, std::size_t at) {
  std::string reason;
  for (std::size_t i = at + 1; i < lines.size(); ++i) {
    if (lines[i].empty() || starts_with(lines[i], k_press_reset)) break;
    reason += (reason.empty() ? "" : "\n") + lines[i];
  }
  return reason;
}

}  // namespace

ConsoleNotes parse_console_notes(std::string_view text) {
  ConsoleNotes notes;
  const auto lines = console_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (starts_with(line, k_banner_start)) {
      if (auto parsed = parse_boot_out(line)) notes.banner = std::move(*parsed);
    } else if (line == "soft reboot") {
      notes.code_file.clear();
    } else if (is_code_output_line(line)) {
      notes.code_file = line.substr(0, line.size() - k_output_suffix.size());
    } else if (starts_with(line, k_running_in_safe_mode)) {
      notes.safe_mode = true;
    } else if (starts_with(line, k_safe_mode_because)) {
      notes.safe_mode = true;
      notes.safe_mode_reason = reason_after(lines, i);
    }
  }
  return notes;
}

}  // namespace cpy::device
