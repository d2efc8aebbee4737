// USB discovery from a recorded sysfs layout.
#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "device/usb/sysfs.hpp"

using namespace cpy::device;
namespace fs = std::filesystem;

namespace {

void put(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text << "\n";
}

}  // namespace

TEST_CASE("sysfs devices give ids, strings and the CDC console tty of a CircuitPython board") {
  const fs::path root = fs::temp_directory_path() / ("cpytool-sysfs-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path dev = root / "1-1.2";
  put(dev / "idVendor", "239a");
  put(dev / "idProduct", "80f4");
  put(dev / "serial", "E6647C15675E522D");
  put(dev / "product", "Pico");
  put(dev / "manufacturer", "Raspberry Pi");
  put(dev / "1-1.2:1.0" / "interface", "CircuitPython CDC control");
  put(dev / "1-1.2:1.0" / "bInterfaceNumber", "00");
  fs::create_directories(dev / "1-1.2:1.0" / "tty" / "ttyACM3");
  put(dev / "1-1.2:1.2" / "interface", "CircuitPython Mass Storage");
  put(dev / "1-1.2:1.2" / "bInterfaceNumber", "02");
  fs::create_directories(root / "1-1.2:1.0");  // interface folders also appear at the top level
  const fs::path hub = root / "usb1";
  put(hub / "idVendor", "1d6b");
  put(hub / "idProduct", "0002");

  const auto devices = scan_sysfs(root);
  REQUIRE(devices.size() == 2);
  const UsbDevice& board = devices[0];
  CHECK(hex16(board.vid) == "239A");
  CHECK(hex16(board.pid) == "80F4");
  CHECK(board.serial == "E6647C15675E522D");
  CHECK(board.console_tty() == "ttyACM3");
  CHECK(board.looks_like_circuitpython());
  CHECK_FALSE(devices[1].looks_like_circuitpython());
  CHECK(devices[1].console_tty().empty());
  fs::remove_all(root);
}
