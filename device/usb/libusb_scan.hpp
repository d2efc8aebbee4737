// USB enumeration through libusb, for identification only (it cannot name ttys or mounts, see protocol §6).
#pragma once

#include <vector>

#include "core/result.hpp"
#include "device/usb/sysfs.hpp"

namespace cpy::device {

/// Every USB device libusb can see, with its strings where the device may be opened; when it may not, `note`
/// says so (e.g. no udev permission). An error when libusb itself cannot start (no USB access at all).
Result<std::vector<UsbDevice>> scan_libusb();

}  // namespace cpy::device
