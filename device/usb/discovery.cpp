// Discovery: sysfs (or libusb) devices that are CircuitPython boards, with their tty and CIRCUITPY drive.
#include "device/usb/discovery.hpp"

#include <algorithm>
#include <cstdlib>
#include "device/circuitpy_mounts.hpp"
#include "device/usb/libusb_scan.hpp"

namespace cpy::device {

namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::uint16_t parse_id(const std::string& text) {
  return static_cast<std::uint16_t>(std::strtoul(text.c_str(), nullptr, 16));
}

std::string dev_root() {
  const char* root = std::getenv("CPYTOOL_DEV_ROOT");
  return root && *root ? root : "/dev";
}

void name_from_catalog(ConnectedBoard& board, const BoardCatalog* catalog) {
  if (!catalog) return;
  board.candidates = boards_with_usb_id(*catalog, board.usb.vid, board.usb.pid);
  if (board.board_id.empty() && board.candidates.size() == 1) board.board_id = board.candidates.front();
  if (const BoardInfo* info = board.board_id.empty() ? nullptr : catalog->find(board.board_id))
    board.board_name = info->name;
}

ConnectedBoard make_board(const UsbDevice& usb, const std::vector<RunningBoard>& drives, const BoardCatalog* catalog) {
  ConnectedBoard board;
  board.usb = usb;
  if (const std::string tty = usb.console_tty(); !tty.empty()) board.port = dev_root() + "/" + tty;
  for (const auto& drive : drives) {
    if (usb.serial.empty() || upper(drive.boot_out.uid) != upper(usb.serial)) continue;
    board.mount = drive.mount.string();
    board.board_id = drive.boot_out.board_id;
  }
  name_from_catalog(board, catalog);
  if (board.board_name.empty()) board.board_name = usb.product;
  return board;
}

bool is_board(const UsbDevice& usb, const BoardCatalog* catalog) {
  return usb.looks_like_circuitpython() || (catalog && !boards_with_usb_id(*catalog, usb.vid, usb.pid).empty());
}

}  // namespace

std::vector<std::string> boards_with_usb_id(const BoardCatalog& catalog, std::uint16_t vid, std::uint16_t pid) {
  std::vector<std::string> ids;
  for (const auto& id : catalog.ids()) {
    const BoardInfo* info = catalog.find(id);
    if (info && !info->usb_vid.empty() && parse_id(info->usb_vid) == vid && parse_id(info->usb_pid) == pid)
      ids.push_back(id);
  }
  return ids;
}

Discovery discover_boards(const BoardCatalog* catalog) {
  Discovery found;
  std::vector<UsbDevice> devices = scan_sysfs(sysfs_usb_root());
  if (devices.empty()) {
    found.notes.push_back("no USB devices under " + sysfs_usb_root().string() +
                          "; asking libusb instead (it cannot name serial ports)");
    if (auto listed = scan_libusb())
      devices = std::move(*listed);
    else
      found.notes.push_back(listed.error().message);
  }
  const auto drives = find_running_boards();
  for (const auto& usb : devices) {
    if (!is_board(usb, catalog)) continue;
    if (!usb.note.empty()) found.notes.push_back(hex16(usb.vid) + ":" + hex16(usb.pid) + ": " + usb.note);
    found.boards.push_back(make_board(usb, drives, catalog));
  }
  return found;
}

Result<std::string> resolve_port(const std::string& requested) {
  if (!requested.empty()) return requested;
  if (const char* env = std::getenv("CPYTOOL_PORT"); env && *env) return std::string(env);
  const auto catalog = BoardCatalog::load_default();
  const Discovery found = discover_boards(catalog ? &*catalog : nullptr);
  std::vector<std::string> ports;
  for (const auto& board : found.boards)
    if (!board.port.empty()) ports.push_back(board.port);
  if (ports.empty())
    return make_error(ExitCode::no_board, "no CircuitPython board with a serial port found",
                      "plug the board in with a data cable, or name the port with --port or CPYTOOL_PORT "
                      "(a virtual board: 'cpytool board start' prints its port)");
  if (ports.size() > 1) {
    std::string list;
    for (const auto& p : ports) list += (list.empty() ? "" : ", ") + p;
    return make_error(ExitCode::usage, "several boards are connected (" + list + ")", "choose one with --port");
  }
  return ports.front();
}

}  // namespace cpy::device
