// `cpytool devices [--json]`: connected boards (USB ids, serial number, board, port, drive) and bootloader drives.
#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/ui/output.hpp"
#include "cli/ui/table.hpp"
#include "core/board_catalog.hpp"
#include "device/bootloader_drive.hpp"
#include "device/usb/discovery.hpp"

namespace cpy::cli {

namespace {

nlohmann::json board_json(const device::ConnectedBoard& b) {
  return {{"vid", device::hex16(b.usb.vid)},
          {"pid", device::hex16(b.usb.pid)},
          {"serial_number", b.usb.serial},
          {"manufacturer", b.usb.manufacturer},
          {"product", b.usb.product},
          {"board_id", b.board_id},
          {"board_name", b.board_name},
          {"candidates", b.candidates},
          {"port", b.port},
          {"mount", b.mount},
          {"usb_location", b.usb.location}};
}

std::string or_dash(const std::string& text) { return text.empty() ? "-" : text; }

}  // namespace

Runner setup_devices(CLI::App&) {
  return [](const GlobalOptions& globals) {
    Output out(globals);
    const auto catalog = BoardCatalog::load_default();
    if (!catalog) out.warn("no board catalog (" + catalog.error().message + "): board names come from USB only");
    const device::Discovery found = device::discover_boards(catalog ? &*catalog : nullptr);
    const auto loaders = device::find_bootloader_drives();
    nlohmann::json doc = {
        {"boards", nlohmann::json::array()}, {"bootloader_drives", nlohmann::json::array()}, {"notes", found.notes}};
    Table table({"PORT", "USB ID", "SERIAL (UID)", "BOARD", "DRIVE"});
    for (const auto& b : found.boards) {
      doc["boards"].push_back(board_json(b));
      std::string board =
          b.board_id.empty() ? b.board_name : b.board_id + (b.board_name.empty() ? "" : " (" + b.board_name + ")");
      if (b.board_id.empty() && b.candidates.size() > 1)
        board += " [one of " + std::to_string(b.candidates.size()) + " boards]";
      table.add_row({or_dash(b.port), device::hex16(b.usb.vid) + ":" + device::hex16(b.usb.pid), or_dash(b.usb.serial),
                     or_dash(board), or_dash(b.mount)});
    }
    for (const auto& d : loaders) {
      doc["bootloader_drives"].push_back({{"mount", d.mount.string()},
                                          {"bootloader", d.info.first_line},
                                          {"model", d.info.model},
                                          {"board_id", d.info.board_id}});
      table.add_row({"-", "bootloader", "-", d.info.model.empty() ? d.info.board_id : d.info.model, d.mount.string()});
    }
    out.json_result(doc);
    if (table.empty())
      out.line("no CircuitPython boards found");
    else
      out.line(table.render());
    for (const auto& note : found.notes) out.line("note: " + note);
    return 0;
  };
}

}  // namespace cpy::cli
