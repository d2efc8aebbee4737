// A bundle's files read in place: a zip through libzip (never extracted) or a folder with the same layout.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace cpy::bundle {

class Archive {
 public:
  virtual ~Archive() = default;
  /// File paths relative to the bundle top ("lib/neopixel.mpy"), sorted, without the zip's top folder.
  virtual const std::vector<std::string>& files() const = 0;
  virtual Result<std::string> read(const std::string& path) const = 0;
  /// Where the archive lives, for messages.
  virtual std::string origin() const = 0;
  /// Files under `folder` ("lib/adafruit_hid/"), in order.
  std::vector<std::string> files_under(const std::string& folder) const;
  bool contains(const std::string& path) const;
};

/// Opens a zip, checking its structure and rejecting unsafe entry names (absolute, "..").
Result<std::unique_ptr<Archive>> open_zip(const std::filesystem::path& path);
/// A zip opened on first use, for cached zips (verified when downloaded): a command that needs only the
/// bundle's JSON index never loads libzip. A failure to open shows when the files are first asked for.
std::unique_ptr<Archive> open_zip_on_use(const std::filesystem::path& path);
/// A folder laid out like an unpacked bundle (lib/, requirements/, examples/).
Result<std::unique_ptr<Archive>> open_folder(const std::filesystem::path& path);
/// A zip or a folder, by what `path` is.
Result<std::unique_ptr<Archive>> open_archive(const std::filesystem::path& path);

/// Reads every entry of the zip so that libzip checks each CRC; the error names the bad entry.
Status verify_zip(const std::filesystem::path& path);

/// True for an entry name that could escape the folder it is copied into.
bool unsafe_entry_name(const std::string& name);

}  // namespace cpy::bundle
