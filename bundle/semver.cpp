// Parsing and ordering of dotted versions.
#include "bundle/semver.hpp"

#include <cctype>

namespace cpy::bundle {

std::optional<Version> parse_version(std::string_view text) {
  if (!text.empty() && (text[0] == 'v' || text[0] == 'V')) text.remove_prefix(1);
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0]))) return std::nullopt;
  Version v;
  std::size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    long n = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) n = n * 10 + (text[i] - '0');
    v.numbers.push_back(n);
    if (i < text.size() && text[i] == '.' && i + 1 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[i + 1])))
      ++i;
    else
      break;
  }
  if (i < text.size() && (text[i] == '-' || text[i] == '+'))
    v.pre = std::string(text.substr(i + 1));
  else if (i < text.size())
    return std::nullopt;
  if (i < text.size() && text[i] == '+') v.pre.clear();  // build metadata does not order
  while (v.numbers.size() < 3) v.numbers.push_back(0);
  return v;
}

int compare_versions(std::string_view a, std::string_view b) {
  const auto va = parse_version(a), vb = parse_version(b);
  if (!va || !vb) return va ? 1 : (vb ? -1 : 0);
  for (std::size_t i = 0; i < std::max(va->numbers.size(), vb->numbers.size()); ++i) {
    const long x = i < va->numbers.size() ? va->numbers[i] : 0, y = i < vb->numbers.size() ? vb->numbers[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  if (va->pre == vb->pre) return 0;
  if (va->pre.empty()) return 1;
  if (vb->pre.empty()) return -1;
  return va->pre < vb->pre ? -1 : 1;
}

UpdateKind update_kind(std::string_view installed, std::string_view available) {
  const auto vi = parse_version(installed), va = parse_version(available);
  if (!vi || !va) return UpdateKind::unknown;
  if (compare_versions(installed, available) >= 0) return UpdateKind::none;
  return vi->numbers[0] != va->numbers[0] ? UpdateKind::major : UpdateKind::minor;
}

}  // namespace cpy::bundle
