// Tests of bundle/loader with an in-memory HTTP fake: tags, fallbacks to py and to the cache, pins.
#include <doctest/doctest.h>

#include <map>

#include "bundle/loader.hpp"
#include "bundle/release.hpp"
#include "bundle_test_util.hpp"
#include "core/atomic_file.hpp"

using namespace cpy;
using namespace cpy::bundle;

namespace {

/// Serves fixed responses by URL; `down` makes every request a network failure.
class FakeHttp final : public Http {
 public:
  std::map<std::string, std::string> files;   // url -> body
  std::map<std::string, std::string> latest;  // url -> location
  bool down = false;
  std::vector<std::string> asked;
  Result<HttpResponse> fetch(const HttpRequest& request) override {
    asked.push_back(request.url);
    if (down) return make_error(ExitCode::network, "Couldn't connect to server");
    if (auto it = latest.find(request.url); it != latest.end()) return HttpResponse{302, it->second, {}, 0};
    auto it = files.find(request.url);
    if (it == files.end()) return HttpResponse{404, {}, {}, 0};
    if (!request.to_file.empty()) {
      CPY_CHECK(write_file_atomic(request.to_file, it->second));
      return HttpResponse{200, {}, {}, it->second.size()};
    }
    return HttpResponse{200, {}, it->second, it->second.size()};
  }
};

std::string zip_bytes(const test::TempDir& dir, const std::string& top, const std::string& version) {
  const auto file = dir.path / "z.zip";
  REQUIRE(test::write_zip(file, {{top + "/lib/neopixel.py", "__version__ = '" + version + "'\n"}}));
  return *read_file(file);
}

struct Fixture {
  test::TempDir tmp, cache_dir;
  FakeHttp http;
  BundleSource source = remote_source("adafruit/Adafruit_CircuitPython_Bundle", SourceKind::builtin);
  LoadOptions options;
  std::vector<std::string> warnings;
  const std::string base = "http://gh";
  Fixture() {
    options.base_url = base;
    options.platform = "10.x-mpy";
    options.ttl = std::chrono::seconds(0);
    options.warn = [this](const std::string& w) { warnings.push_back(w); };
  }
  void publish(const std::string& tag, const std::string& version) {
    http.latest[base + "/adafruit/Adafruit_CircuitPython_Bundle/releases/latest"] =
        "/adafruit/Adafruit_CircuitPython_Bundle/releases/tag/" + tag;
    const std::string dir = base + "/adafruit/Adafruit_CircuitPython_Bundle/releases/download/" + tag + "/";
    http.files[dir + "adafruit-circuitpython-bundle-py-" + tag + ".zip"] =
        zip_bytes(tmp, "adafruit-circuitpython-bundle-py-" + tag, version);
  }
};

}  // namespace

TEST_CASE("the latest tag comes from the releases/latest redirect") {
  CHECK(tag_from_location("https://github.com/a/b/releases/tag/20260115") == "20260115");
  CHECK(tag_from_location("/a/b/releases/tag/v1.0/") == "v1.0");
  CHECK(tag_from_location("/a/b/releases").empty());
}

TEST_CASE("a missing mpy zip falls back to the py zip with a warning") {
  Fixture f;
  f.publish("20260101", "1.0.0");
  BundleCache cache(f.cache_dir.path);
  auto loaded = load_remote_bundle(f.source, f.http, cache, f.options);
  REQUIRE(loaded.ok());
  CHECK(loaded->tag == "20260101");
  CHECK(loaded->platform == "py");
  CHECK(loaded->index.find("neopixel")->version == "1.0.0");
  REQUIRE(f.warnings.size() == 1);
  CHECK(f.warnings[0].find("falling back") != std::string::npos);
}

TEST_CASE("when the network fails the newest cached tag is used with a warning") {
  Fixture f;
  f.publish("20260101", "1.0.0");
  BundleCache cache(f.cache_dir.path);
  REQUIRE(load_remote_bundle(f.source, f.http, cache, f.options).ok());
  f.http.down = true;
  f.warnings.clear();
  auto loaded = load_remote_bundle(f.source, f.http, cache, f.options);
  REQUIRE(loaded.ok());
  CHECK(loaded->tag == "20260101");
  REQUIRE(!f.warnings.empty());
  CHECK(f.warnings.back().find("cached") != std::string::npos);
}

TEST_CASE("offline without a cache is a network error with a hint") {
  Fixture f;
  f.options.offline = true;
  BundleCache cache(f.cache_dir.path);
  auto loaded = load_remote_bundle(f.source, f.http, cache, f.options);
  REQUIRE(!loaded.ok());
  CHECK(loaded.error().code == ExitCode::network);
  CHECK(f.http.asked.empty());
}

TEST_CASE("a pinned tag is used instead of the latest and old tags are pruned") {
  Fixture f;
  f.publish("20260101", "1.0.0");
  f.publish("20260201", "2.0.0");
  f.publish("20260301", "3.0.0");
  BundleCache cache(f.cache_dir.path);
  f.options.pins["adafruit/Adafruit_CircuitPython_Bundle"] = "20260101";
  auto pinned = load_remote_bundle(f.source, f.http, cache, f.options);
  REQUIRE(pinned.ok());
  CHECK(pinned->index.find("neopixel")->version == "1.0.0");
  f.options.pins.clear();
  f.options.pins["adafruit/Adafruit_CircuitPython_Bundle"] = "20260201";
  REQUIRE(load_remote_bundle(f.source, f.http, cache, f.options).ok());
  f.options.pins.clear();
  auto latest = load_remote_bundle(f.source, f.http, cache, f.options);
  REQUIRE(latest.ok());
  CHECK(latest->index.find("neopixel")->version == "3.0.0");
  CHECK(cache.cached_tags("adafruit/Adafruit_CircuitPython_Bundle") ==
        std::vector<std::string>{"20260301", "20260201"});
}

TEST_CASE("a pinned tag that does not exist is an error that names the pin") {
  Fixture f;
  f.publish("20260101", "1.0.0");
  BundleCache cache(f.cache_dir.path);
  f.options.pins["adafruit/Adafruit_CircuitPython_Bundle"] = "19990101";
  auto loaded = load_remote_bundle(f.source, f.http, cache, f.options);
  REQUIRE(!loaded.ok());
  CHECK(loaded.error().message.find("pinned") != std::string::npos);
}
