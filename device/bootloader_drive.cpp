// UF2 bootloader drives: found by their INFO_UF2.TXT (never by volume name), which is parsed for identity.
#include "device/bootloader_drive.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "core/text.hpp"

namespace cpy::device {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool looks_like_version(std::string_view word) {
  if (!word.empty() && (word[0] == 'v' || word[0] == 'V')) word.remove_prefix(1);
  return !word.empty() && std::isdigit(static_cast<unsigned char>(word[0]));
}

void parse_first_line(std::string_view line, InfoUf2& info) {
  info.first_line = std::string(trim(line));
  const auto words = split(info.first_line, ' ');
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!looks_like_version(words[i])) continue;
    info.version = words[i];
    for (std::size_t j = 0; j < i; ++j) info.bootloader += (j ? " " : "") + words[j];
    return;
  }
  info.bootloader = info.first_line;
}

bool is_octal(std::string_view digits) {
  return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '7'; });
}

std::string decode_octal_escapes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && is_octal(text.substr(i + 1, 3))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 3)), nullptr, 8));
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::optional<fs::path> find_entry_nocase(const fs::path& dir, std::string_view name) {
  std::error_code ec;
  const std::string want = lower(name);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (lower(it->path().filename().string()) == want) return it->path();
  return std::nullopt;
}

void add_subfolders(const fs::path& dir, std::vector<fs::path>& out) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec)) out.push_back(it->path());
}

std::vector<fs::path> system_mount_points() {
  std::vector<fs::path> out;
#ifdef _WIN32
  // Every drive letter: a CircuitPython drive is recognised by its files (boot_out.txt, INFO_UF2.TXT), so its
  // volume label need not be asked for.
  for (char letter = 'D'; letter <= 'Z'; ++letter) {
    std::error_code ec;
    const fs::path root = std::string(1, letter) + ":/";
    if (fs::is_directory(root, ec)) out.push_back(root);
  }
#else
  std::ifstream in("/proc/self/mountinfo");  // Linux; absent elsewhere
  std::stringstream text;
  text << in.rdbuf();
  out = parse_mountinfo(text.str());
  const char* user = std::getenv("USER");
  // /media and /run/media (Linux desktops, per user or not); /Volumes (macOS: CIRCUITPY, CIRCUITPY 1, ...).
  for (const char* root : {"/media", "/run/media", "/Volumes"}) {
    add_subfolders(root, out);
    if (user && *user) add_subfolders(fs::path(root) / user, out);
  }
#endif
  return out;
}

}  // namespace

InfoUf2 parse_info_uf2(std::string_view text) {
  InfoUf2 info;
  bool first = true;
  for (const auto& raw : split(text, '\n')) {
    const std::string_view line = trim(raw);
    if (first) {
      parse_first_line(line, info);
      first = false;
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, colon)));
    std::string value(trim(line.substr(colon + 1)));
    if (lower(key) == "model") info.model = value;
    if (lower(key) == "board-id") info.board_id = value;
    info.fields.emplace_back(std::move(key), std::move(value));
  }
  return info;
}

std::vector<fs::path> parse_mountinfo(std::string_view text) {
  static const std::set<std::string> fat_like = {"vfat", "msdos", "exfat", "fuseblk", "fat"};
  std::vector<fs::path> out;
  for (const auto& line : split(text, '\n')) {
    const auto dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    const auto before = split(line.substr(0, dash), ' ');
    const auto after = split(line.substr(dash + 3), ' ');
    if (before.size() < 5 || after.empty() || !fat_like.count(after[0])) continue;
    out.emplace_back(decode_octal_escapes(before[4]));
  }
  return out;
}

std::optional<BootloaderDrive> probe_bootloader_drive(const fs::path& dir) {
  auto info_file = find_entry_nocase(dir, "INFO_UF2.TXT");
  if (!info_file) return std::nullopt;
  std::ifstream in(*info_file, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  BootloaderDrive drive{dir, *info_file, parse_info_uf2(text.str()), false};
  drive.has_current_uf2 = find_entry_nocase(dir, "CURRENT.UF2").has_value();
  return drive;
}

std::vector<fs::path> candidate_mount_points() {
  const char* roots = std::getenv("CPYTOOL_MOUNT_ROOTS");
  if (!roots || !*roots) return system_mount_points();
  std::vector<fs::path> out;
  for (const auto& root : split(roots, ':'))
    if (!root.empty()) add_subfolders(root, out);
  return out;
}

std::vector<BootloaderDrive> find_bootloader_drives() {
  std::vector<BootloaderDrive> drives;
  std::set<fs::path> seen;
  for (const auto& dir : candidate_mount_points()) {
    std::error_code ec;
    const fs::path key = fs::weakly_canonical(dir, ec);
    if (!seen.insert(ec ? dir : key).second) continue;
    if (auto drive = probe_bootloader_drive(dir)) drives.push_back(std::move(*drive));
  }
  std::sort(drives.begin(), drives.end(), [](const auto& a, const auto& b) { return a.mount < b.mount; });
  return drives;
}

}  // namespace cpy::device
