// UF2 writer: a flat binary at a base address becomes numbered 512-byte blocks, with a family ID when given.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/result.hpp"
#include "device/uf2/format.hpp"

namespace cpy::uf2 {

struct WriteOptions {
  std::uint32_t base_address = 0;
  std::optional<std::uint32_t> family;  // no familyID flag when absent (how SAMD builds are made)
  std::uint32_t payload_size = k_default_payload;
};

/// Errors (ExitCode::bad_input) for an empty binary, a payload size outside 1..476, or data past 4 GiB.
Result<std::vector<std::uint8_t>> write_uf2(std::span<const std::uint8_t> binary, const WriteOptions& options);

}  // namespace cpy::uf2
