// Official CircuitPython firmware: its download URL from board id, language and version, and a cached download.
#include "device/firmware_release.hpp"

#include <cctype>
#include <cstdlib>
#include <system_error>

#include "core/paths.hpp"
#include "device/uf2/reader.hpp"

namespace cpy::device {

namespace fs = std::filesystem;

namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  std::string text = value && *value ? value : fallback;
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

bool is_name(const std::string& text) {
  if (text.empty() || text == "." || text == "..") return false;
  for (char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

Error http_error(const std::string& url, long status, const FirmwareRequest& request) {
  if (status == 404)
    return make_error(ExitCode::bad_input,
                      "no firmware " + firmware_file_name(request) + " (HTTP 404 from " + url + ")",
                      "check the board id, version and language; the builds of a board are listed at "
                      "https://circuitpython.org/board/" +
                          request.board_id + "/");
  return make_error(ExitCode::network, "download failed with HTTP " + std::to_string(status) + " (" + url + ")");
}

Status download_checked(Http& http, const std::string& url, const fs::path& part, const FirmwareRequest& request,
                        ProgressSink& progress) {
  HttpRequest get{url, Redirects::follow, false, part.string(), &progress, firmware_file_name(request)};
  CPY_TRY(const HttpResponse response, http.fetch(get));
  if (response.status != 200) return http_error(url, response.status, request);
  auto image = uf2::read_uf2_file(part.string());
  if (!image)
    return make_error(ExitCode::bad_input, "the download is not a valid UF2 file: " + image.error().message,
                      "the server sent something else than firmware; try again later");
  return ok_status();
}

}  // namespace

std::string firmware_base_url() { return env_or("CPYTOOL_FIRMWARE_URL", "https://downloads.circuitpython.org/bin"); }
std::string github_base_url() { return env_or("CPYTOOL_GITHUB_URL", "https://github.com"); }

Status check_firmware_request(const FirmwareRequest& request) {
  const std::pair<const char*, const std::string*> parts[] = {
      {"board id", &request.board_id}, {"language", &request.language}, {"version", &request.version}};
  for (const auto& [what, value] : parts)
    if (!is_name(*value))
      return make_error(ExitCode::usage, std::string("invalid ") + what + " '" + *value + "'",
                        "use letters, digits, '_', '-' and '.' only");
  return ok_status();
}

std::string firmware_file_name(const FirmwareRequest& request) {
  return "adafruit-circuitpython-" + request.board_id + "-" + request.language + "-" + request.version + ".uf2";
}

std::string firmware_url(const FirmwareRequest& request) {
  return firmware_base_url() + "/" + request.board_id + "/" + request.language + "/" + firmware_file_name(request);
}

fs::path firmware_cache_path(const FirmwareRequest& request) {
  return cache_dir() / "firmware" / request.board_id / request.language / firmware_file_name(request);
}

Result<std::string> latest_circuitpython_version(Http& http) {
  const std::string url = github_base_url() + "/adafruit/circuitpython/releases/latest";
  CPY_TRY(const HttpResponse response, http.fetch({url, Redirects::keep, false, {}, nullptr, {}}));
  const std::string& location = response.location;
  const auto slash = location.rfind('/');
  const std::string tag = slash == std::string::npos ? std::string() : location.substr(slash + 1);
  if (response.status / 100 != 3 || location.find("/releases/tag/") == std::string::npos || tag.empty())
    return make_error(
        ExitCode::network,
        "cannot find the latest CircuitPython release (HTTP " + std::to_string(response.status) + " from " + url + ")",
        "give the version with --version");
  return tag;
}

Result<FetchedFirmware> fetch_firmware(Http& http, const FirmwareRequest& request, ProgressSink& progress) {
  CPY_CHECK(check_firmware_request(request));
  const fs::path target = firmware_cache_path(request);
  const std::string url = firmware_url(request);
  std::error_code ec;
  if (fs::is_regular_file(target, ec)) return FetchedFirmware{target, url, true};
  fs::create_directories(target.parent_path(), ec);
  if (ec) return make_error(ExitCode::io, "cannot create the cache folder " + target.parent_path().string());
  const fs::path part = target.string() + ".part";
  const Status status = download_checked(http, url, part, request, progress);
  if (!status) {
    fs::remove(part, ec);
    return status.error();
  }
  fs::rename(part, target, ec);
  if (ec) return make_error(ExitCode::io, "cannot move the download into " + target.string() + ": " + ec.message());
  return FetchedFirmware{target, url, false};
}

}  // namespace cpy::device
