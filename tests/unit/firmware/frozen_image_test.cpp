// The firmware file: round trip, strict rejection of damaged files, help names.
#include <doctest/doctest.h>

#include "firmware/supervisor/frozen_image.hpp"

using cpy::firmware::FrozenImage;

namespace {
FrozenImage sample() {
  FrozenImage image;
  image.board_id = "cpytool_virtual_board";
  image.modules["neopixel.py"] = std::string("C\x06\x00\x1f", 4) + "body";
  image.modules["adafruit_hid/__init__.py"] = "C\x06";
  image.modules["adafruit_hid/keyboard.py"] = "C\x06kb";
  return image;
}
}  // namespace

TEST_CASE("a firmware file decodes to the modules it was built from") {
  std::string bytes = sample().encode();
  CHECK(bytes.starts_with(std::string("CPYFW\0\r\n", 8)));
  auto back = FrozenImage::decode(bytes, "fw.cpyfw");
  REQUIRE(back.ok());
  CHECK(back->board_id == "cpytool_virtual_board");
  CHECK(back->modules == sample().modules);
}

TEST_CASE("help names drop the .py suffix and keep package paths") {
  auto names = sample().help_names();
  CHECK(names == std::vector<std::string>{"adafruit_hid/__init__", "adafruit_hid/keyboard", "neopixel"});
}

TEST_CASE("a damaged firmware file is rejected with a message naming it") {
  std::string bytes = sample().encode();
  SUBCASE("bad magic") {
    auto r = FrozenImage::decode("hello world, not firmware", "x.bin");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("x.bin") != std::string::npos);
    CHECK(r.error().message.find("magic") != std::string::npos);
  }
  SUBCASE("flipped byte") {
    bytes[bytes.size() / 2] ^= 0x40;
    auto r = FrozenImage::decode(bytes, "fw");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("checksum") != std::string::npos);
  }
  SUBCASE("every truncation") {
    for (std::size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(FrozenImage::decode(bytes.substr(0, n), "fw").ok());
  }
}

TEST_CASE("module paths that escape the frozen tree are refused") {
  FrozenImage image;
  image.modules["../evil.py"] = "C\x06";
  auto r = FrozenImage::decode(image.encode(), "fw");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("invalid module path") != std::string::npos);
}
