// UF2 bootloader drives: found by their INFO_UF2.TXT (never by volume name), which is parsed for identity.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cpy::device {

/// INFO_UF2.TXT: a first line "<bootloader> <version>" then "Key: value" lines (CRLF or LF).
struct InfoUf2 {
  std::string first_line;
  std::string bootloader;  // "UF2 Bootloader", "TinyUF2 Bootloader"
  std::string version;     // "v3.0", "0.18.2"; empty when the line has no version token
  std::string model;       // Model:
  std::string board_id;    // Board-ID: (the bootloader's id, e.g. "RPI-RP2", not a CircuitPython board id)
  std::vector<std::pair<std::string, std::string>> fields;  // every Key: value line, in order
};

InfoUf2 parse_info_uf2(std::string_view text);

struct BootloaderDrive {
  std::filesystem::path mount;
  std::filesystem::path info_file;  // the INFO_UF2.TXT as spelled on the drive
  InfoUf2 info;
  bool has_current_uf2 = false;  // CURRENT.UF2 offered (not by the RP2040/RP2350 ROM)
};

/// The drive mounted at `dir` when it holds INFO_UF2.TXT (any letter case).
std::optional<BootloaderDrive> probe_bootloader_drive(const std::filesystem::path& dir);

/// Folders that may be mounted drives. When CPYTOOL_MOUNT_ROOTS is set (folders separated by ':'), the
/// sub-folders of those folders; otherwise the mount points of /proc/self/mountinfo plus the folders under
/// /media, /media/$USER and /run/media/$USER.
std::vector<std::filesystem::path> candidate_mount_points();

/// Every mounted UF2 bootloader drive among candidate_mount_points() (for `flash` and `devices`).
std::vector<BootloaderDrive> find_bootloader_drives();

/// Mount points of FAT-like file systems (vfat, msdos, exfat, fuseblk) from the text of /proc/self/mountinfo,
/// with octal escapes such as \040 decoded. Bootloader and CIRCUITPY drives are FAT.
std::vector<std::filesystem::path> parse_mountinfo(std::string_view text);

}  // namespace cpy::device
