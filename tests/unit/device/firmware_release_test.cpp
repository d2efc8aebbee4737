// Official firmware URLs, the latest-release lookup and the cached download, against a fake Http.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "device/firmware_release.hpp"
#include "uf2_test_util.hpp"

using namespace cpy;
using namespace cpy::device;
namespace fs = std::filesystem;

namespace {

class FakeHttp final : public Http {
 public:
  std::map<std::string, HttpResponse> responses;
  std::vector<std::string> requests;

  Result<HttpResponse> fetch(const HttpRequest& request) override {
    requests.push_back(request.url);
    auto it = responses.find(request.url);
    HttpResponse response = it == responses.end() ? HttpResponse{404, {}, {}, 0} : it->second;
    if (!request.to_file.empty()) {
      std::ofstream(request.to_file, std::ios::binary) << response.body;
      response.bytes = response.body.size();
      response.body.clear();
    }
    return response;
  }
};

struct EnvScope {
  fs::path cache = fs::temp_directory_path() / ("cpytool-fw-cache-" + std::to_string(std::rand()));
  EnvScope() {
    ::setenv("CPYTOOL_CACHE_DIR", cache.c_str(), 1);
    ::setenv("CPYTOOL_FIRMWARE_URL", "http://127.0.0.1:9/bin/", 1);
    ::setenv("CPYTOOL_GITHUB_URL", "http://127.0.0.1:9", 1);
  }
  ~EnvScope() {
    ::unsetenv("CPYTOOL_CACHE_DIR");
    ::unsetenv("CPYTOOL_FIRMWARE_URL");
    ::unsetenv("CPYTOOL_GITHUB_URL");
    fs::remove_all(cache);
  }
};

std::string uf2_text() {
  const auto bytes = uf2::test::make_uf2(600, 0x10000000, 0xE48BFF56);
  return std::string(bytes.begin(), bytes.end());
}

const FirmwareRequest k_pico{"raspberry_pi_pico", "en_US", "9.2.1"};

}  // namespace

TEST_CASE("firmware URLs follow the release layout of downloads.circuitpython.org") {
  ::unsetenv("CPYTOOL_FIRMWARE_URL");
  CHECK(firmware_url(k_pico) ==
        "https://downloads.circuitpython.org/bin/raspberry_pi_pico/en_US/"
        "adafruit-circuitpython-raspberry_pi_pico-en_US-9.2.1.uf2");
  EnvScope env;
  CHECK(firmware_url({"b", "de_DE", "10.0.0-beta.2"}) ==
        "http://127.0.0.1:9/bin/b/de_DE/adafruit-circuitpython-b-de_DE-10.0.0-beta.2.uf2");
  CHECK(firmware_cache_path(k_pico) ==
        env.cache / "firmware/raspberry_pi_pico/en_US/adafruit-circuitpython-raspberry_pi_pico-en_US-9.2.1.uf2");
}

TEST_CASE("board ids, languages and versions that could escape a path are refused") {
  CHECK(check_firmware_request(k_pico).ok());
  CHECK(check_firmware_request({"../../etc", "en_US", "9"}).error().code == ExitCode::usage);
  CHECK_FALSE(check_firmware_request({"pico", "en/US", "9"}).ok());
  CHECK_FALSE(check_firmware_request({"pico", "en_US", ""}).ok());
  CHECK_FALSE(check_firmware_request({"..", "en_US", "9"}).ok());
}

TEST_CASE("the latest version is the tag GitHub's releases/latest redirects to") {
  EnvScope env;
  FakeHttp http;
  const std::string url = "http://127.0.0.1:9/adafruit/circuitpython/releases/latest";
  http.responses[url] = {302, "http://127.0.0.1:9/adafruit/circuitpython/releases/tag/10.0.3", {}, 0};
  CHECK(latest_circuitpython_version(http).value() == "10.0.3");
  http.responses[url] = {200, {}, "<html>", 0};
  CHECK(latest_circuitpython_version(http).error().code == ExitCode::network);
}

TEST_CASE("firmware is downloaded once, then served from the cache") {
  EnvScope env;
  FakeHttp http;
  http.responses[firmware_url(k_pico)] = {200, {}, uf2_text(), 0};
  NullProgress progress;
  const auto first = fetch_firmware(http, k_pico, progress);
  REQUIRE(first.ok());
  CHECK_FALSE(first->from_cache);
  CHECK(fs::file_size(first->path) == 3 * 512);
  const auto second = fetch_firmware(http, k_pico, progress);
  REQUIRE(second.ok());
  CHECK(second->from_cache);
  CHECK(http.requests.size() == 1);
}

TEST_CASE("a missing build is a clear error and a bad download is not cached") {
  EnvScope env;
  FakeHttp http;
  NullProgress progress;
  const auto missing = fetch_firmware(http, k_pico, progress);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ExitCode::bad_input);
  CHECK(missing.error().message.find("HTTP 404") != std::string::npos);
  CHECK(missing.error().hint.find("circuitpython.org/board/raspberry_pi_pico") != std::string::npos);
  http.responses[firmware_url(k_pico)] = {200, {}, "<html>not firmware</html>", 0};
  const auto bad = fetch_firmware(http, k_pico, progress);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("not a valid UF2") != std::string::npos);
  CHECK_FALSE(fs::exists(firmware_cache_path(k_pico)));
  CHECK_FALSE(fs::exists(firmware_cache_path(k_pico).string() + ".part"));
  http.responses[firmware_url(k_pico)] = {503, {}, "", 0};
  CHECK(fetch_firmware(http, k_pico, progress).error().code == ExitCode::network);
}
