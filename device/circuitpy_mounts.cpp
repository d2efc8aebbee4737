// Mounted CIRCUITPY drives as `flash` needs them: any candidate mount holding a valid boot_out.txt.
#include "device/circuitpy_mounts.hpp"

#include "device/bootloader_drive.hpp"

namespace cpy::device {

std::vector<RunningBoard> find_running_boards() {
  std::vector<RunningBoard> boards;
  for (const auto& dir : candidate_mount_points()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dir / "boot_out.txt", ec)) continue;
    if (auto boot_out = read_boot_out(dir)) boards.push_back({dir, std::move(*boot_out)});
  }
  return boards;
}

}  // namespace cpy::device
