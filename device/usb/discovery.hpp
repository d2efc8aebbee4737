// Connected boards: USB devices (sysfs, libusb) matched to catalog entries, serial ports and CIRCUITPY drives.
#pragma once

#include <string>
#include <vector>

#include "core/board_catalog.hpp"
#include "core/result.hpp"
#include "device/usb/sysfs.hpp"

namespace cpy::device {

struct ConnectedBoard {
  UsbDevice usb;
  std::string port;      // "/dev/ttyACM0"; empty when no tty is known
  std::string mount;     // CIRCUITPY folder matched by UID; empty when none
  std::string board_id;  // from boot_out.txt when mounted, else the catalog
  std::string board_name;
  std::vector<std::string> candidates;  // every catalog board with this VID:PID
};

struct Discovery {
  std::vector<ConnectedBoard> boards;
  std::vector<std::string> notes;  // what could not be looked at, and why
};

/// Board ids of `catalog` whose USB VID:PID equal the given ones.
std::vector<std::string> boards_with_usb_id(const BoardCatalog& catalog, std::uint16_t vid, std::uint16_t pid);

/// Every connected CircuitPython board. `catalog` may be null (then names come from the USB strings only).
Discovery discover_boards(const BoardCatalog* catalog);

/// The serial port to use: `requested`, else CPYTOOL_PORT, else the only discovered board's console.
/// ExitCode::no_board when there is none; ExitCode::usage when several boards leave the choice open.
Result<std::string> resolve_port(const std::string& requested);

}  // namespace cpy::device
