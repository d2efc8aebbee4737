// Copying a UF2 file onto a bootloader drive: chunked writes with progress, then fsync so it reaches the board.
#pragma once

#include <filesystem>

#include "core/progress.hpp"
#include "core/result.hpp"

namespace cpy::device {

/// Writes `uf2` to `drive`/<its file name>. A bootloader may reset and vanish as soon as the last block
/// arrives, so a failing fsync or close after every byte was written is not an error.
Status copy_to_bootloader_drive(const std::filesystem::path& uf2, const std::filesystem::path& drive,
                                ProgressSink& progress);

}  // namespace cpy::device
