// Bootloader drives: INFO_UF2.TXT parsing, mountinfo parsing, and finding drives in folders.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "device/bootloader_drive.hpp"
#include "device/circuitpy_mounts.hpp"

using namespace cpy::device;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("cpytool-bootdrive-" + std::to_string(std::rand()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("INFO_UF2.TXT of uf2-samdx1 with CRLF gives bootloader, version, model and board id") {
  const auto info = parse_info_uf2(
      "UF2 Bootloader v3.14.0 SFHWRO\r\nModel: Circuit Playground Express\r\nBoard-ID: SAMD21G18A-CPlay-v0\r\n"
      "Date: Feb  1 2022\r\n");
  CHECK(info.bootloader == "UF2 Bootloader");
  CHECK(info.version == "v3.14.0");
  CHECK(info.model == "Circuit Playground Express");
  CHECK(info.board_id == "SAMD21G18A-CPlay-v0");
  REQUIRE(info.fields.size() == 3);
  CHECK(info.fields[2].first == "Date");
  CHECK(info.fields[2].second == "Feb  1 2022");
}

TEST_CASE("INFO_UF2.TXT of the RP2040 ROM and of TinyUF2 with LF") {
  const auto rp = parse_info_uf2("UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: RPI-RP2\n");
  CHECK(rp.version == "v3.0");
  CHECK(rp.board_id == "RPI-RP2");
  const auto tiny = parse_info_uf2(
      "TinyUF2 Bootloader 0.18.2 - tinyusb (0.15.0-331-g4cfa1522a)\nModel: Adafruit Feather ESP32-S3 TFT\n"
      "Board-ID: ESP32S3-FeatherTFT-revA\n");
  CHECK(tiny.bootloader == "TinyUF2 Bootloader");
  CHECK(tiny.version == "0.18.2");
  CHECK(tiny.model == "Adafruit Feather ESP32-S3 TFT");
  const auto bare = parse_info_uf2("Some Loader\nboard-id:   X-1  \n");
  CHECK(bare.bootloader == "Some Loader");
  CHECK(bare.version.empty());
  CHECK(bare.board_id == "X-1");
}

TEST_CASE("mountinfo gives FAT mount points with escaped spaces decoded") {
  const std::string text =
      "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
      "40 22 8:17 / /media/me/RPI-RP2 rw,nosuid shared:2 - vfat /dev/sdb1 rw,uid=1000\n"
      "41 22 8:33 / /media/me/CIRCUITPY\\0401 rw - vfat /dev/sdc1 rw\n"
      "42 22 0:5 / /proc rw - proc proc rw\n";
  const auto mounts = parse_mountinfo(text);
  REQUIRE(mounts.size() == 2);
  CHECK(mounts[0] == "/media/me/RPI-RP2");
  CHECK(mounts[1] == "/media/me/CIRCUITPY 1");
}

TEST_CASE("a drive is a bootloader drive by its INFO_UF2.TXT in any case, not by its name") {
  TempDir tmp;
  write(tmp.path / "CIRCUITPY" / "boot_out.txt", "Adafruit CircuitPython 9.2.1 on 2024-11-20; X with rp2040\r\n");
  write(tmp.path / "ODDNAME" / "info_uf2.txt",
        "UF2 Bootloader v1.0\r\nModel: Raspberry Pi RP2350\r\nBoard-ID: RP2350\r\n");
  write(tmp.path / "CPLAYBOOT" / "INFO_UF2.TXT", "UF2 Bootloader v3.0\nBoard-ID: SAMD21G18A-CPlay-v0\n");
  write(tmp.path / "CPLAYBOOT" / "CURRENT.UF2", "x");
  fs::create_directories(tmp.path / "RPI-RP2");  // named like a bootloader drive, but no INFO_UF2.TXT
  CHECK_FALSE(probe_bootloader_drive(tmp.path / "RPI-RP2").has_value());
  ::setenv("CPYTOOL_MOUNT_ROOTS", ("/nonexistent:" + tmp.path.string()).c_str(), 1);
  const auto drives = find_bootloader_drives();
  ::unsetenv("CPYTOOL_MOUNT_ROOTS");
  REQUIRE(drives.size() == 2);
  CHECK(drives[0].mount.filename() == "CPLAYBOOT");
  CHECK(drives[0].has_current_uf2);
  CHECK(drives[1].info.board_id == "RP2350");
  CHECK(drives[1].info.model == "Raspberry Pi RP2350");
  CHECK_FALSE(drives[1].has_current_uf2);
}

TEST_CASE("running boards are found by boot_out.txt among the mount roots") {
  TempDir tmp;
  write(tmp.path / "CIRCUITPY" / "boot_out.txt",
        "Adafruit CircuitPython 9.2.1 on 2024-11-20; Pico with rp2040\r\nBoard ID:raspberry_pi_pico\r\n");
  write(tmp.path / "OTHER" / "boot_out.txt", "not a banner\n");
  ::setenv("CPYTOOL_MOUNT_ROOTS", tmp.path.c_str(), 1);
  const auto boards = find_running_boards();
  ::unsetenv("CPYTOOL_MOUNT_ROOTS");
  REQUIRE(boards.size() == 1);
  CHECK(boards[0].boot_out.tag == "9.2.1");
  CHECK(boards[0].boot_out.board_id == "raspberry_pi_pico");
  CHECK(boards[0].mount == tmp.path / "CIRCUITPY");
}
