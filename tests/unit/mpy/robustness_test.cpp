// Truncated and bit-flipped goldens: the reader returns an error or a file, never crashes (run under ASan).
#include <doctest/doctest.h>

#include "golden_files.hpp"
#include "mpy/disasm.hpp"
#include "mpy/metadata.hpp"
#include "mpy/reader.hpp"
#include "mpy/writer.hpp"

using namespace cpy::mpy;

namespace {

// Reads `bytes`; if that works, disassembling and re-writing must work too and be stable.
void check_survives(const std::vector<std::uint8_t>& bytes) {
  const auto file = read_mpy(bytes);
  if (!file) {
    CHECK_FALSE(file.error().message.empty());
    CHECK(file.error().message.find("offset") != std::string::npos);
    return;
  }
  CHECK(disassemble(*file).ok());
  (void)module_metadata(*file);
  const auto again = read_mpy(write_mpy(*file));
  CHECK(again.ok());
}

// Every `step`-th prefix must fail; every `step`-th byte gets one bit flipped (rotating) and is set to 0xFF.
void sweep(const std::vector<std::uint8_t>& golden, std::size_t step) {
  for (std::size_t len = 0; len < golden.size(); len += step) {
    const std::vector<std::uint8_t> cut(golden.begin(), golden.begin() + static_cast<std::ptrdiff_t>(len));
    const auto file = read_mpy(cut);
    REQUIRE_FALSE(file.ok());  // a proper prefix is never a complete file
    CHECK(file.error().message.find("offset") != std::string::npos);
  }
  auto bytes = golden;
  for (std::size_t i = 0; i < bytes.size(); i += step) {
    const std::uint8_t original = bytes[i];
    bytes[i] = static_cast<std::uint8_t>(original ^ (1u << (i % 8)));
    check_survives(bytes);
    bytes[i] = 0xFF;
    check_survives(bytes);
    bytes[i] = original;
  }
}

}  // namespace

TEST_CASE("truncating or flipping any bit of three small goldens gives an error or a valid file") {
  for (const char* name : {"module_header_version.mpy", "class_nested_scopes.mpy", "lit_float_roundtrip.mpy"}) {
    CAPTURE(name);
    const auto golden = test::load_file(test::corpus_dir() / name);
    REQUIRE(golden.size() > 100);
    sweep(golden, 1);
  }
}

TEST_CASE("sampled truncations and bit flips of every golden give an error or a valid file") {
  for (const auto& path : test::golden_mpy_files()) {
    CAPTURE(path.filename().string());
    const auto golden = test::load_file(path);
    sweep(golden, 13 + golden.size() / 3);  // about 3 offsets per file
  }
}
