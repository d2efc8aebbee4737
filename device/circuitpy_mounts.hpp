// Mounted CIRCUITPY drives as `flash` needs them: any candidate mount holding a valid boot_out.txt.
#pragma once

#include <filesystem>
#include <vector>

#include "device/boot_out.hpp"

namespace cpy::device {

struct RunningBoard {
  std::filesystem::path mount;
  BootOut boot_out;
};

/// Every candidate mount point (see candidate_mount_points) whose boot_out.txt is a CircuitPython one.
std::vector<RunningBoard> find_running_boards();

}  // namespace cpy::device
