// Strict UF2 reader: every kind of damage is an error naming the block and the byte offset.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "device/uf2/reader.hpp"
#include "uf2_test_util.hpp"

using namespace cpy;
using namespace cpy::uf2;
using namespace cpy::uf2::test;

namespace {

std::string read_error(const std::vector<std::uint8_t>& file) {
  auto result = read_uf2(file, "fw.uf2");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == ExitCode::bad_input);
  return result.error().message;
}

bool contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return true;
  MESSAGE(text);
  return false;
}

std::vector<std::uint8_t> concat(std::vector<std::uint8_t> a, const std::vector<std::uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("reader rejects an empty file and a file that is not whole blocks") {
  CHECK(contains(read_error({}), "empty file"));
  CHECK(contains(read_error({'P', 'K', 3, 4, 0, 0}), "not a UF2 file (no UF2 magic at byte offset 0)"));
  auto file = make_uf2(1024, 0x10000000, 0xE48BFF56);
  file.resize(file.size() + 100);
  CHECK(contains(read_error(file), "100 trailing bytes at byte offset 2048"));
}

TEST_CASE("reader names the block and byte offset of a bad magic number") {
  auto file = make_uf2(1024, 0x10000000, 0xE48BFF56);
  SUBCASE("first, in the first block") {
    set_field(file, 0, Field::magic_start0, 0x12345678);
    CHECK(contains(read_error(file), "not a UF2 file"));
  }
  SUBCASE("first") {
    set_field(file, 2, Field::magic_start0, 0x12345678);
    const auto message = read_error(file);
    CHECK(contains(message, "fw.uf2: block 2 at byte offset 1024: bad first magic 0x12345678"));
  }
  SUBCASE("second") {
    set_field(file, 1, Field::magic_start1, 0);
    CHECK(contains(read_error(file), "block 1 at byte offset 516: bad second magic"));
  }
  SUBCASE("end") {
    store_u32(file.data() + 3 * k_block_size + k_end_magic_offset, 0xDEADBEEF);
    CHECK(contains(read_error(file), "block 3 at byte offset 2044: bad end magic 0xdeadbeef"));
  }
}

TEST_CASE("reader rejects unknown flags and file-container blocks") {
  auto file = make_uf2(512, 0, 0xC47E5767);
  SUBCASE("unknown") {
    set_field(file, 1, Field::flags, k_flag_family_id | 0x100);
    CHECK(contains(read_error(file), "block 1 at byte offset 520: unknown flag bits 0x00000100"));
  }
  SUBCASE("file container") {
    set_field(file, 0, Field::flags, k_flag_file_container);
    CHECK(contains(read_error(file), "file-container"));
  }
}

TEST_CASE("reader rejects payload sizes of 0, over 476, and over 452 when an MD5 is present") {
  auto file = make_uf2(512, 0, 0xC47E5767);
  set_field(file, 1, Field::payload_size, 0);
  CHECK(contains(read_error(file), "block 1 at byte offset 528: payload size 0 (must be 1..476)"));
  set_field(file, 1, Field::payload_size, 477);
  CHECK(contains(read_error(file), "payload size 477"));
  set_field(file, 1, Field::payload_size, 460);
  set_field(file, 1, Field::flags, k_flag_family_id | k_flag_md5);
  CHECK(contains(read_error(file), "(must be 1..452)"));
  set_field(file, 1, Field::payload_size, 476);
  set_field(file, 1, Field::flags, k_flag_family_id);
  set_field(file, 1, Field::target_address, 0x10000);
  CHECK(read_uf2(file, "x").ok());
}

TEST_CASE("reader rejects a payload running past the 32-bit address space") {
  auto file = make_uf2(256, 0, std::nullopt);
  set_field(file, 0, Field::target_address, 0xFFFFFF80);
  CHECK(contains(read_error(file), "block 0 at byte offset 12: payload at 0xffffff80 runs past"));
}

TEST_CASE("reader checks block numbers and totals") {
  auto file = make_uf2(256 * 4, 0x10000000, 0xE48BFF56);
  SUBCASE("zero total") {
    set_field(file, 0, Field::num_blocks, 0);
    CHECK(contains(read_error(file), "block 0 at byte offset 24: total block count is 0"));
  }
  SUBCASE("number not below total") {
    set_field(file, 2, Field::block_no, 4);
    CHECK(contains(read_error(file), "block 2 at byte offset 1044: block number 4 is not below the total 4"));
  }
  SUBCASE("skipped block") {
    set_field(file, 2, Field::block_no, 3);
    CHECK(contains(read_error(file), "block number 3, expected 2"));
  }
  SUBCASE("total changes") {
    set_field(file, 3, Field::num_blocks, 5);
    CHECK(contains(read_error(file), "block 3 at byte offset 1560: total block count 5 differs from 4 in block 0"));
  }
  SUBCASE("first block not numbered 0") {
    set_field(file, 0, Field::block_no, 1);
    CHECK(contains(read_error(file), "block 0 at byte offset 20: block number 1, expected 0"));
  }
  SUBCASE("truncated") {
    file.resize(3 * k_block_size);
    CHECK(contains(read_error(file), "ends after block 2 of a sequence of 4 blocks"));
  }
}

TEST_CASE("reader rejects a family that changes inside a sequence") {
  auto file = make_uf2(256 * 3, 0x10000000, 0xE48BFF56);
  set_field(file, 1, Field::family_or_file_size, 0xE48BFF59);
  CHECK(contains(read_error(file), "block 1 at byte offset 540: family RP2350_ARM_S (0xe48bff59) differs"));
  set_field(file, 1, Field::family_or_file_size, 0xE48BFF56);
  set_field(file, 2, Field::flags, 0);
  CHECK(contains(read_error(file), "block 2 at byte offset 1032: family (none) differs"));
}

TEST_CASE("reader reports overlapping blocks of one family with both blocks named") {
  const auto a = make_uf2(512, 0x10000000, 0xE48BFF56);
  const auto b = make_uf2(256, 0x10000100, 0xE48BFF56, 5);
  CHECK(contains(read_error(concat(a, b)),
                 "block 2 at byte offset 1036: payload at 0x10000100..0x100001ff overlaps "
                 "block 1 at 0x10000100..0x100001ff"));
}

TEST_CASE("reader accepts concatenated files of different families at the same addresses") {
  const auto file = concat(make_uf2(512, 0x10000000, 0xE48BFF56), make_uf2(768, 0x10000000, 0xE48BFF59));
  const auto image = read_uf2(file, "universal.uf2");
  REQUIRE(image.ok());
  REQUIRE(image->sections.size() == 2);
  CHECK(image->sections[1].first_block == 2);
  CHECK(image->sections[1].block_count == 3);
  const auto families = image_families(*image);
  REQUIRE(families.size() == 2);
  CHECK(families[1] == 0xE48BFF59u);
  CHECK(payload_bytes(*image, 0xE48BFF59) == 768);
}

TEST_CASE("reader reports gaps as separate ranges, not errors") {
  const auto file = concat(make_uf2(512, 0x1000, std::nullopt), make_uf2(256, 0x3000, std::nullopt));
  const auto image = read_uf2(file, "gaps.uf2");
  REQUIRE(image.ok());
  const auto ranges = written_ranges(*image, std::nullopt);
  REQUIRE(ranges.size() == 2);
  CHECK(ranges[0].start == 0x1000);
  CHECK(ranges[0].end == 0x1200);
  CHECK(ranges[1].start == 0x3000);
  const auto gaps = gaps_between(ranges);
  REQUIRE(gaps.size() == 1);
  CHECK(gaps[0].size() == 0x1E00);
}

TEST_CASE("reader counts not-main-flash blocks and leaves their data out") {
  auto file = make_uf2(256 * 3, 0x10000000, 0xE48BFF56);
  set_field(file, 1, Field::flags, k_flag_family_id | k_flag_not_main_flash);
  set_field(file, 1, Field::target_address, 0x10000000);  // would overlap if it were flash
  const auto image = read_uf2(file, "x.uf2");
  REQUIRE(image.ok());
  CHECK(image->not_main_flash_blocks == 1);
  CHECK(image->chunks.size() == 2);
  CHECK(image->block_count == 3);
  CHECK(image->payload_sizes == std::set<std::uint32_t>{256});
}

TEST_CASE("reading a file that is missing or a folder is an I/O error") {
  CHECK(read_uf2_file("/nonexistent/fw.uf2").error().code == ExitCode::io);
  CHECK(read_uf2_file(std::filesystem::temp_directory_path().string()).error().code == ExitCode::io);
  const auto path = std::filesystem::temp_directory_path() / "cpytool_uf2_reader_test.uf2";
  const auto file = make_uf2(300, 0x2000, std::nullopt);
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(file.data()), file.size());
  const auto image = read_uf2_file(path.string());
  CHECK(image.ok());
  std::filesystem::remove(path);
}
