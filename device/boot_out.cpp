// Parsing boot_out.txt line by line.
#include "device/boot_out.hpp"

#include <optional>
#include <string_view>

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

namespace {

struct FirstLine {
  std::string tag, date, machine;
};

bool is_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  return true;
}

/// "Adafruit CircuitPython <tag> on <YYYY-MM-DD>; <machine>".
std::optional<FirstLine> parse_first_line(std::string_view line) {
  constexpr std::string_view k_prefix = "Adafruit CircuitPython ";
  if (!line.starts_with(k_prefix)) return std::nullopt;
  line.remove_prefix(k_prefix.size());
  const auto space = line.find(' ');
  if (space == 0 || space == std::string_view::npos) return std::nullopt;
  FirstLine out{std::string(line.substr(0, space)), {}, {}};
  line.remove_prefix(space);
  if (!line.starts_with(" on ") || line.size() < 4 + 10 + 3) return std::nullopt;
  out.date = std::string(line.substr(4, 10));
  if (!is_date(out.date) || line.substr(14, 2) != "; ") return std::nullopt;
  out.machine = std::string(line.substr(16));
  if (out.machine.empty()) return std::nullopt;
  return out;
}

}  // namespace

Result<BootOut> parse_boot_out(const std::string& text) {
  std::vector<std::string> lines;
  for (auto line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  const auto first = lines.empty() ? std::nullopt : parse_first_line(lines[0]);
  if (!first)
    return make_error(ExitCode::bad_input,
                      "boot_out.txt line 1 is not 'Adafruit CircuitPython <version> on <date>; <board> with <mcu>'",
                      "reset the board so that it rewrites boot_out.txt, or pass --cpy-version and --board-id");
  BootOut out;
  out.tag = first->tag;
  out.date = first->date;
  const std::string& machine = first->machine;
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
