// Linux sysfs view of USB devices (/sys/bus/usb/devices): ids, strings and the ttys of their interfaces.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cpy::device {

struct UsbTty {
  std::string name;       // "ttyACM0"
  std::string interface;  // the interface string, e.g. "CircuitPython CDC control"
  int number = -1;        // bInterfaceNumber
};

struct UsbDevice {
  std::uint16_t vid = 0;
  std::uint16_t pid = 0;
  std::string serial;  // iSerialNumber (= UID on CircuitPython boards)
  std::string manufacturer;
  std::string product;
  std::string location;                 // sysfs name ("1-1.2") or "bus-address" for libusb
  std::vector<UsbTty> ttys;             // sorted by interface number
  std::vector<std::string> interfaces;  // interface strings of all interfaces
  std::string note;                     // why something could not be read
  /// The console tty: the "CircuitPython CDC control" one, else the first; empty when none.
  std::string console_tty() const;
  bool looks_like_circuitpython() const;
};

/// CPYTOOL_SYSFS_ROOT (tests), else /sys/bus/usb/devices.
std::filesystem::path sysfs_usb_root();
/// Every USB device under `root` (folders with an idVendor file), sorted by location.
std::vector<UsbDevice> scan_sysfs(const std::filesystem::path& root);

/// "239A" style hex (4 digits, uppercase).
std::string hex16(std::uint16_t value);

}  // namespace cpy::device
