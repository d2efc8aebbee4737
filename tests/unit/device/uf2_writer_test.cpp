// UF2 writer: block layout, numbering, family flag, and what it refuses.
#include <doctest/doctest.h>

#include "device/uf2/extract.hpp"
#include "device/uf2/reader.hpp"
#include "uf2_test_util.hpp"

using namespace cpy;
using namespace cpy::uf2;
using namespace cpy::uf2::test;

TEST_CASE("writer splits a binary into 256-byte payloads with every header field set") {
  const auto file = make_uf2(1000, 0x10000000, 0xE48BFF56);
  REQUIRE(file.size() == 4 * k_block_size);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(get_field(file, i, Field::magic_start0) == k_magic_start0);
    CHECK(get_field(file, i, Field::magic_start1) == k_magic_start1);
    CHECK(get_field(file, i, Field::flags) == k_flag_family_id);
    CHECK(get_field(file, i, Field::target_address) == 0x10000000 + i * 256);
    CHECK(get_field(file, i, Field::payload_size) == 256);
    CHECK(get_field(file, i, Field::block_no) == i);
    CHECK(get_field(file, i, Field::num_blocks) == 4);
    CHECK(get_field(file, i, Field::family_or_file_size) == 0xE48BFF56);
    CHECK(load_u32(file.data() + i * k_block_size + k_end_magic_offset) == k_magic_end);
  }
  const auto data = pattern(1000);
  CHECK(file[k_data_offset] == data[0]);
  CHECK(file[3 * k_block_size + k_data_offset + 231] == data[999]);
  CHECK(file[3 * k_block_size + k_data_offset + 232] == 0);  // padding of the last payload
}

TEST_CASE("writer without a family leaves the flag and the field zero, as SAMD builds do") {
  const auto file = make_uf2(512, 0x2000, std::nullopt);
  CHECK(get_field(file, 0, Field::flags) == 0);
  CHECK(get_field(file, 1, Field::family_or_file_size) == 0);
}

TEST_CASE("written files read back to the same bytes at the same address") {
  const auto binary = pattern(256 * 5 + 17, 9);
  const auto file = write_uf2(binary, {0x4000, 0x55114460, 256}).value();
  const auto image = read_uf2(file, "round.uf2");
  REQUIRE(image.ok());
  CHECK(image->block_count == 6);
  REQUIRE(image->sections.size() == 1);
  CHECK(image->sections[0].family == 0x55114460u);
  const auto flat = extract_binary(*image, {}).value();
  CHECK(flat.base_address == 0x4000);
  REQUIRE(flat.bytes.size() == 256 * 6);
  CHECK(std::equal(binary.begin(), binary.end(), flat.bytes.begin()));
  CHECK(flat.bytes.back() == 0);
}

TEST_CASE("writer honours another payload size") {
  const auto file = write_uf2(pattern(476 * 2), {0, 0xBFDD4EEE, 476}).value();
  CHECK(file.size() == 2 * k_block_size);
  CHECK(get_field(file, 1, Field::target_address) == 476);
  CHECK(read_uf2(file, "x").ok());
}

TEST_CASE("writer refuses an empty binary, bad payload sizes and data past 4 GiB") {
  CHECK(write_uf2({}, {0, std::nullopt, 256}).error().code == ExitCode::bad_input);
  const auto data = pattern(10);
  CHECK_FALSE(write_uf2(data, {0, std::nullopt, 0}).ok());
  CHECK_FALSE(write_uf2(data, {0, std::nullopt, 477}).ok());
  const auto over = write_uf2(data, {0xFFFFFFF8, std::nullopt, 256});
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().message.find("0xfffffff8") != std::string::npos);
  CHECK(write_uf2(data, {0xFFFFFFF6, std::nullopt, 256}).ok());
}
