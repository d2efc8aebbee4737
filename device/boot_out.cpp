// Parsing boot_out.txt line by line.
#include "device/boot_out.hpp"

#include <regex>

#include "core/atomic_file.hpp"
#include "core/text.hpp"

namespace cpy::device {

int BootOut::major() const {
  int n = 0;
  for (char c : tag) {
    if (c < '0' || c > '9') break;
    n = n * 10 + (c - '0');
  }
  return n;
}

Result<BootOut> parse_boot_out(const std::string& text) {
  std::vector<std::string> lines;
  for (auto line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  static const std::regex k_first(R"(^Adafruit CircuitPython (\S+) on (\d{4}-\d{2}-\d{2}); (.+)$)");
  std::smatch m;
  if (lines.empty() || !std::regex_match(lines[0], m, k_first))
    return make_error(ExitCode::bad_input,
                      "boot_out.txt line 1 is not 'Adafruit CircuitPython <version> on <date>; <board> with <mcu>'",
                      "reset the board so that it rewrites boot_out.txt, or pass --cpy-version and --board-id");
  BootOut out;
  out.tag = m[1];
  out.date = m[2];
  const std::string machine = m[3];
  const auto with = machine.rfind(" with ");
  out.board_name = with == std::string::npos ? machine : machine.substr(0, with);
  if (with != std::string::npos) out.mcu = machine.substr(with + 6);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (starts_with(lines[i], "Board ID:")) out.board_id = std::string(trim(lines[i].substr(9)));
    if (starts_with(lines[i], "UID:")) out.uid = std::string(trim(lines[i].substr(4)));
    if (starts_with(lines[i], "boot.py output:")) break;
  }
  return out;
}

Result<BootOut> read_boot_out(const std::filesystem::path& dir) {
  auto text = read_file(dir / "boot_out.txt");
  if (!text)
    return make_error(ExitCode::no_board, "missing boot_out.txt in " + dir.string(),
                      "check the path; a CircuitPython drive has boot_out.txt at its top");
  auto parsed = parse_boot_out(*text);
  if (!parsed)
    return make_error(parsed.error().code, parsed.error().message + " (" + (dir / "boot_out.txt").string() + ")",
                      parsed.error().hint);
  return parsed;
}

}  // namespace cpy::device
