// Reading USB devices and their tty interfaces from Linux sysfs.
#include "device/usb/sysfs.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace cpy::device {

namespace fs = std::filesystem;

namespace {

std::string read_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

std::uint16_t read_hex(const fs::path& file) {
  return static_cast<std::uint16_t>(std::strtoul(read_line(file).c_str(), nullptr, 16));
}

void add_ttys(const fs::path& interface_dir, UsbDevice& device) {
  std::error_code ec;
  const std::string interface = read_line(interface_dir / "interface");
  if (!interface.empty()) device.interfaces.push_back(interface);
  const int number = static_cast<int>(std::strtol(read_line(interface_dir / "bInterfaceNumber").c_str(), nullptr, 16));
  // cdc_acm puts the tty under <intf>/tty/ttyACMn; usb-serial drivers put ttyUSBn directly under <intf>.
  for (const fs::path& where : {interface_dir / "tty", interface_dir}) {
    for (const auto& entry : fs::directory_iterator(where, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("tty", 0) == 0 && name != "tty") device.ttys.push_back({name, interface, number});
    }
  }
}

UsbDevice read_device(const fs::path& dir) {
  UsbDevice device;
  device.vid = read_hex(dir / "idVendor");
  device.pid = read_hex(dir / "idProduct");
  device.serial = read_line(dir / "serial");
  device.manufacturer = read_line(dir / "manufacturer");
  device.product = read_line(dir / "product");
  device.location = dir.filename().string();
  std::error_code ec;
  const std::string prefix = device.location + ":";
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) add_ttys(entry.path(), device);
  std::sort(device.ttys.begin(), device.ttys.end(), [](const UsbTty& a, const UsbTty& b) {
    return a.number != b.number ? a.number < b.number : a.name < b.name;
  });
  return device;
}

}  // namespace

std::string hex16(std::uint16_t value) {
  char text[8];
  std::snprintf(text, sizeof text, "%04X", value);
  return text;
}

std::string UsbDevice::console_tty() const {
  for (const auto& tty : ttys)
    if (tty.interface == "CircuitPython CDC control") return tty.name;
  return ttys.empty() ? "" : ttys.front().name;
}

bool UsbDevice::looks_like_circuitpython() const {
  for (const auto& name : interfaces)
    if (name.rfind("CircuitPython", 0) == 0) return true;
  return false;
}

fs::path sysfs_usb_root() {
  if (const char* root = std::getenv("CPYTOOL_SYSFS_ROOT"); root && *root) return root;
  return "/sys/bus/usb/devices";
}

std::vector<UsbDevice> scan_sysfs(const fs::path& root) {
  std::vector<UsbDevice> devices;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    // Device folders hold idVendor; interface folders ("1-1:1.0") and hubs' ports do not.
    if (fs::exists(entry.path() / "idVendor", ec)) devices.push_back(read_device(entry.path()));
  }
  std::sort(devices.begin(), devices.end(),
            [](const UsbDevice& a, const UsbDevice& b) { return a.location < b.location; });
  return devices;
}

}  // namespace cpy::device
