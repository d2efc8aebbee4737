// Turning a UF2 image back into a flat binary: the data of one family from its lowest to its highest address.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "device/uf2/image.hpp"

namespace cpy::uf2 {

struct FlatBinary {
  std::uint32_t base_address = 0;
  std::vector<std::uint8_t> bytes;
  std::uint64_t gap_bytes = 0;  // filled with `fill`
};

struct ExtractOptions {
  /// Which family to take when the file holds several; nullopt = the only one there is.
  std::optional<std::uint32_t> family;
  std::uint8_t fill = 0x00;
  std::uint64_t max_size = 64ull << 20;  // refuse to pad absurd gaps into a huge file
};

Result<FlatBinary> extract_binary(const Image& image, const ExtractOptions& options);

}  // namespace cpy::uf2
