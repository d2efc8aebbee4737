// A UF2 file as read: its sections, the flash data its blocks carry, and the address ranges that data covers.
#include "device/uf2/image.hpp"

#include <algorithm>

namespace cpy::uf2 {

std::vector<std::optional<std::uint32_t>> image_families(const Image& image) {
  std::vector<std::optional<std::uint32_t>> families;
  for (const auto& chunk : image.chunks)
    if (std::find(families.begin(), families.end(), chunk.family) == families.end()) families.push_back(chunk.family);
  return families;
}

std::vector<AddressRange> written_ranges(const Image& image, std::optional<std::uint32_t> family) {
  std::vector<AddressRange> pieces;
  for (const auto& chunk : image.chunks)
    if (chunk.family == family) pieces.push_back({chunk.address, chunk.address + std::uint64_t{chunk.data.size()}});
  std::sort(pieces.begin(), pieces.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  std::vector<AddressRange> merged;
  for (const auto& piece : pieces) {
    if (!merged.empty() && piece.start <= merged.back().end)
      merged.back().end = std::max(merged.back().end, piece.end);
    else
      merged.push_back(piece);
  }
  return merged;
}

std::vector<AddressRange> gaps_between(const std::vector<AddressRange>& ranges) {
  std::vector<AddressRange> gaps;
  for (std::size_t i = 1; i < ranges.size(); ++i) gaps.push_back({ranges[i - 1].end, ranges[i].start});
  return gaps;
}

std::uint64_t payload_bytes(const Image& image, std::optional<std::uint32_t> family) {
  std::uint64_t total = 0;
  for (const auto& chunk : image.chunks)
    if (chunk.family == family) total += chunk.data.size();
  return total;
}

}  // namespace cpy::uf2
