// A UF2 file as read: its sections, the flash data its blocks carry, and the address ranges that data covers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

namespace cpy::uf2 {

/// The payload of one main-flash block.
struct Chunk {
  std::uint32_t address = 0;
  std::optional<std::uint32_t> family;  // absent when the block has no familyID flag
  std::size_t block_index = 0;          // position of the block in the file
  std::vector<std::uint8_t> data;
};

/// A run of blocks numbered 0..count-1; a file may hold several (e.g. one per family).
struct Section {
  std::optional<std::uint32_t> family;
  std::size_t first_block = 0;
  std::uint32_t block_count = 0;
};

struct Image {
  std::size_t block_count = 0;
  std::size_t not_main_flash_blocks = 0;
  std::size_t md5_blocks = 0;
  std::size_t extension_tag_blocks = 0;
  std::set<std::uint32_t> payload_sizes;
  std::vector<Section> sections;
  std::vector<Chunk> chunks;  // in file order
};

/// [start, end) of flash written contiguously.
struct AddressRange {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint64_t size() const { return end - start; }
};

/// The distinct families of the main-flash data (nullopt = blocks without a family ID), in first-seen order.
std::vector<std::optional<std::uint32_t>> image_families(const Image& image);
/// Contiguous ranges written for one family, sorted by address.
std::vector<AddressRange> written_ranges(const Image& image, std::optional<std::uint32_t> family);
/// The holes between the written ranges of one family.
std::vector<AddressRange> gaps_between(const std::vector<AddressRange>& ranges);
/// Total payload bytes for one family.
std::uint64_t payload_bytes(const Image& image, std::optional<std::uint32_t> family);

}  // namespace cpy::uf2
