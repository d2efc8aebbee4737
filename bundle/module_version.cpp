// Version extraction from library files.
#include "bundle/module_version.hpp"

#include <cctype>
#include <regex>
#include <span>

#include "mpy/metadata.hpp"

namespace cpy::bundle {

std::string version_from_py(std::string_view text) {
  static const std::regex k_pattern(R"re(__version__(?:\s*:\s*\w+)?\s*=\s*(?:\(\s*)?['"]([^'"\n]+)['"])re");
  std::match_results<std::string_view::const_iterator> m;
  if (std::regex_search(text.begin(), text.end(), m, k_pattern)) return m[1].str();
  return {};
}

namespace {

/// Fallback when the mpy/ reader rejects the file: the first "x.y.z\0" string in it (circup's heuristic).
std::string scan_version_string(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(bytes[i])) ||
        (i > 0 && (std::isdigit(static_cast<unsigned char>(bytes[i - 1])) || bytes[i - 1] == '.')))
      continue;
    std::size_t j = i;
    int dots = 0;
    while (j < bytes.size() && (std::isdigit(static_cast<unsigned char>(bytes[j])) || bytes[j] == '.')) {
      dots += bytes[j] == '.';
      ++j;
    }
    if (dots == 2 && j < bytes.size() && bytes[j] == '\0' && bytes[j - 1] != '.')
      return std::string(bytes.substr(i, j - i));
  }
  return {};
}

}  // namespace

MpyFacts mpy_facts(std::string_view bytes) {
  MpyFacts facts;
  if (bytes.size() < 4 || bytes[0] != 'C') return facts;
  facts.mpy_version = static_cast<unsigned char>(bytes[1]);
  facts.valid = facts.mpy_version == 5 || facts.mpy_version == 6;
  if (!facts.valid) return facts;
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  auto metadata = mpy::read_metadata(std::span<const std::uint8_t>(data, bytes.size()));
  if (metadata.ok() && metadata->version)
    facts.version = *metadata->version;
  else
    facts.version = scan_version_string(bytes.substr(4));
  return facts;
}

int mpy_version_for_cpy_major(int major) {
  if (major == 7 || major == 8) return 5;
  if (major == 9 || major == 10) return 6;
  return 0;
}

}  // namespace cpy::bundle
