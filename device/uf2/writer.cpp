// UF2 writer: a flat binary at a base address becomes numbered 512-byte blocks, with a family ID when given.
#include "device/uf2/writer.hpp"

#include <algorithm>
#include <string>

#include "device/uf2/families.hpp"

namespace cpy::uf2 {

namespace {

Status check_options(std::span<const std::uint8_t> binary, const WriteOptions& options) {
  if (binary.empty()) return make_error(ExitCode::bad_input, "the binary is empty: nothing to put in a UF2 file");
  if (options.payload_size == 0 || options.payload_size > k_max_payload)
    return make_error(ExitCode::bad_input, "payload size " + std::to_string(options.payload_size) + " is not in 1.." +
                                               std::to_string(k_max_payload));
  if (std::uint64_t{options.base_address} + binary.size() > 0x100000000ull)
    return make_error(ExitCode::bad_input, "the binary does not fit between " + hex32(options.base_address) +
                                               " and the end of the 32-bit address space");
  return ok_status();
}

void write_block(std::uint8_t* block, std::span<const std::uint8_t> payload, std::uint32_t address,
                 std::uint32_t number, std::uint32_t total, const WriteOptions& options) {
  const auto at = [block](Field f) { return block + static_cast<std::size_t>(f); };
  store_u32(at(Field::magic_start0), k_magic_start0);
  store_u32(at(Field::magic_start1), k_magic_start1);
  store_u32(at(Field::flags), options.family ? k_flag_family_id : 0);
  store_u32(at(Field::target_address), address);
  store_u32(at(Field::payload_size), options.payload_size);
  store_u32(at(Field::block_no), number);
  store_u32(at(Field::num_blocks), total);
  store_u32(at(Field::family_or_file_size), options.family.value_or(0));
  std::copy(payload.begin(), payload.end(), block + k_data_offset);
  store_u32(block + k_end_magic_offset, k_magic_end);
}

}  // namespace

Result<std::vector<std::uint8_t>> write_uf2(std::span<const std::uint8_t> binary, const WriteOptions& options) {
  CPY_CHECK(check_options(binary, options));
  const std::size_t step = options.payload_size;
  const std::size_t total = (binary.size() + step - 1) / step;
  std::vector<std::uint8_t> out(total * k_block_size, 0);
  for (std::size_t i = 0; i < total; ++i) {
    // The last block's payload is padded with zeros to the full payload size, as uf2conv does.
    const auto piece = binary.subspan(i * step, std::min(step, binary.size() - i * step));
    write_block(out.data() + i * k_block_size, piece, options.base_address + static_cast<std::uint32_t>(i * step),
                static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(total), options);
  }
  return out;
}

}  // namespace cpy::uf2
