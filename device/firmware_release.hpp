// Official CircuitPython firmware: its download URL from board id, language and version, and a cached download.
#pragma once

#include <filesystem>
#include <string>

#include "core/http.hpp"
#include "core/progress.hpp"
#include "core/result.hpp"

namespace cpy::device {

struct FirmwareRequest {
  std::string board_id;
  std::string language = "en_US";
  std::string version;  // "9.2.1", "10.0.0-beta.2"
};

/// CPYTOOL_FIRMWARE_URL, else https://downloads.circuitpython.org/bin (no trailing slash).
std::string firmware_base_url();
/// CPYTOOL_GITHUB_URL, else https://github.com: where "releases/latest" of adafruit/circuitpython is asked.
std::string github_base_url();

/// Board ids, languages and versions are names, never paths: letters, digits, '_', '-', '.' only.
Status check_firmware_request(const FirmwareRequest& request);
/// "adafruit-circuitpython-<board_id>-<language>-<version>.uf2"
std::string firmware_file_name(const FirmwareRequest& request);
/// "<base>/<board_id>/<language>/<file name>"
std::string firmware_url(const FirmwareRequest& request);
/// <cache>/firmware/<board_id>/<language>/<file name>
std::filesystem::path firmware_cache_path(const FirmwareRequest& request);

/// The tag that github.com/adafruit/circuitpython/releases/latest redirects to.
Result<std::string> latest_circuitpython_version(Http& http);

struct FetchedFirmware {
  std::filesystem::path path;
  std::string url;
  bool from_cache = false;
};

/// The cached file when present, else a download (to a .part file, checked to be a valid UF2, then renamed).
Result<FetchedFirmware> fetch_firmware(Http& http, const FirmwareRequest& request, ProgressSink& progress);

}  // namespace cpy::device
