// Turning a UF2 image back into a flat binary: the data of one family from its lowest to its highest address.
#include "device/uf2/extract.hpp"

#include <algorithm>
#include <string>

#include "device/uf2/families.hpp"

namespace cpy::uf2 {

namespace {

std::string family_list(const std::vector<std::optional<std::uint32_t>>& families) {
  std::string text;
  for (const auto& family : families)
    text += (text.empty() ? "" : ", ") + (family ? describe_family(*family) : std::string("(no family ID)"));
  return text;
}

Result<std::optional<std::uint32_t>> choose_family(const Image& image, std::optional<std::uint32_t> wanted) {
  const auto families = image_families(image);
  if (families.empty()) return make_error(ExitCode::bad_input, "the UF2 file has no main-flash data to extract");
  if (wanted) {
    if (std::find(families.begin(), families.end(), wanted) == families.end())
      return make_error(ExitCode::bad_input, "the UF2 file has no data for family " + describe_family(*wanted),
                        "it holds: " + family_list(families));
    return wanted;
  }
  if (families.size() > 1)
    return make_error(ExitCode::usage, "the UF2 file holds several families: " + family_list(families),
                      "choose one with --family");
  return families.front();
}

}  // namespace

Result<FlatBinary> extract_binary(const Image& image, const ExtractOptions& options) {
  CPY_TRY(const auto family, choose_family(image, options.family));
  const auto ranges = written_ranges(image, family);
  const std::uint64_t start = ranges.front().start;
  const std::uint64_t size = ranges.back().end - start;
  if (size > options.max_size)
    return make_error(ExitCode::bad_input,
                      "the data spans " + std::to_string(size) + " bytes from " +
                          hex32(static_cast<std::uint32_t>(start)) + ", too large for a flat binary",
                      "the file has large gaps between its address ranges (see 'cpytool uf2 info')");
  FlatBinary flat{static_cast<std::uint32_t>(start), std::vector<std::uint8_t>(size, options.fill), 0};
  for (const auto& chunk : image.chunks)
    if (chunk.family == family)
      std::copy(chunk.data.begin(), chunk.data.end(), flat.bytes.begin() + (chunk.address - start));
  for (const auto& gap : gaps_between(ranges)) flat.gap_bytes += gap.size();
  return flat;
}

}  // namespace cpy::uf2
