// Tests of bundle/blinka and bundle/project_imports: from a project's imports to pip requirements for Blinka.
#include <doctest/doctest.h>

#include <fstream>

#include "bundle/blinka.hpp"
#include "bundle/project_imports.hpp"
#include "bundle_test_util.hpp"

using namespace cpy;
using namespace cpy::bundle;

namespace {

BundleSet bundle_set() {
  LoadedBundle b;
  b.source = remote_source("a/B", SourceKind::builtin);
  b.index = *BundleIndex::from_json(R"({
    "adafruit_bus_device": {"version": "5.2.10", "pypi_name": "adafruit-circuitpython-busdevice"},
    "adafruit_bme280": {"version": "2.6.28", "dependencies": ["adafruit_bus_device"],
                        "pypi_name": "adafruit-circuitpython-bme280"},
    "neopixel": {"version": "6.3.11", "dependencies": ["adafruit_pixelbuf"], "pypi_name": "adafruit-circuitpython-neopixel"},
    "adafruit_pixelbuf": {"version": "2.0.4", "pypi_name": "adafruit-circuitpython-pixelbuf"},
    "adafruit_ble": {"version": "10.0.0", "pypi_name": "adafruit-circuitpython-ble",
                     "external_dependencies": ["bleak", "Adafruit-Blinka"]},
    "asyncio": {"version": "1.3.0", "pypi_name": "adafruit-circuitpython-asyncio"},
    "nopypi": {"version": "0.1.0"}})",
                                    "test");
  BundleSet set;
  set.add(std::move(b));
  return set;
}

std::vector<std::string> lines(const BlinkaRequirements& r) {
  std::vector<std::string> out;
  for (const auto& p : r.packages) out.push_back(p.pypi_name + (p.version.empty() ? "" : "==" + p.version));
  return out;
}

const BlinkaNote* note_for(const BlinkaRequirements& r, const std::string& module) {
  for (const auto& n : r.notes)
    if (n.module == module) return &n;
  return nullptr;
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

}  // namespace

TEST_CASE("requirements start with adafruit-blinka and follow bundle dependencies with versions") {
  const auto set = bundle_set();
  const auto r = blinka_requirements({{"board", "", false},
                                      {"time", "", false},
                                      {"adafruit_bme280", "", false},
                                      {"neopixel", "", false},
                                      {"neopixel", "", false}},
                                     set);
  CHECK(lines(r) == std::vector<std::string>{"adafruit-blinka", "adafruit-circuitpython-bme280==2.6.28",
                                             "adafruit-circuitpython-busdevice==5.2.10",
                                             "adafruit-circuitpython-neopixel==6.3.11",
                                             "adafruit-circuitpython-pixelbuf==2.0.4"});
  CHECK(r.notes.empty());
  CHECK(r.packages[2].required_by == "adafruit_bme280");
}

TEST_CASE("installed versions win over the bundle's, external dependencies are added once") {
  const auto r = blinka_requirements({{"adafruit_ble", "9.9.9", false}}, bundle_set());
  CHECK(lines(r) == std::vector<std::string>{"adafruit-blinka", "adafruit-circuitpython-ble==9.9.9", "bleak"});
}

TEST_CASE("CircuitPython-only built-ins warn, displayio brings Blinka_DisplayIO with a note") {
  const auto r = blinka_requirements(
      {{"neopixel_write", "", false}, {"rp2pio", "", false}, {"displayio", "", false}, {"countio", "", false}},
      bundle_set());
  CHECK(lines(r) == std::vector<std::string>{"adafruit-blinka", "adafruit-blinka-displayio"});
  REQUIRE(note_for(r, "neopixel_write") != nullptr);
  CHECK(note_for(r, "neopixel_write")->level == BlinkaNote::Level::warning);
  CHECK(note_for(r, "rp2pio")->text.find("no PyPI package") == 0);
  CHECK(note_for(r, "displayio")->level == BlinkaNote::Level::note);
  CHECK(note_for(r, "countio")->level == BlinkaNote::Level::warning);
}

TEST_CASE("asyncio is CPython's own; unknown modules warn unless the import is optional") {
  const auto r = blinka_requirements({{"asyncio", "", false},
                                      {"mystery", "", false},
                                      {"ulab_extra", "", true},
                                      {"nopypi", "", false},
                                      {"ulab", "", true}},
                                     bundle_set());
  CHECK(lines(r) == std::vector<std::string>{"adafruit-blinka"});
  CHECK(note_for(r, "mystery")->level == BlinkaNote::Level::warning);
  CHECK(note_for(r, "ulab_extra")->level == BlinkaNote::Level::note);
  CHECK(note_for(r, "ulab")->level == BlinkaNote::Level::note);
  CHECK(note_for(r, "ulab")->text.find("optional import: no PyPI package") == 0);
  CHECK(note_for(r, "nopypi")->text.find("no pypi_name") != std::string::npos);
}

TEST_CASE("requirements text pins versions and lists notes as comments") {
  const auto r = blinka_requirements({{"adafruit_pixelbuf", "", false}, {"rp2pio", "", false}}, bundle_set());
  const std::string text = requirements_text(r, "code.py");
  CHECK(text.find("# Blinka requirements for code.py") == 0);
  CHECK(text.find("\nadafruit-blinka\nadafruit-circuitpython-pixelbuf==2.0.4\n# warning: rp2pio: ") !=
        std::string::npos);
}

TEST_CASE("project scan follows local modules, packages and relative imports but not libraries in lib/") {
  test::TempDir dir;
  const auto root = dir.path;
  write(root / "code.py",
        "import board\nfrom helper import go\nimport pkg.sub\ntry:\n    import ulab\nexcept ImportError:\n"
        "    pass\n");
  write(root / "helper.py", "import neopixel\nfrom mylib import thing\n");
  write(root / "pkg/__init__.py", "from . import inner\n");
  write(root / "pkg/sub.py", "import adafruit_bme280\n");
  write(root / "pkg/inner.py", "import rp2pio\n");
  write(root / "lib/mylib.py", "import displayio\n");
  write(root / "lib/neopixel.py", "import never_followed\n");
  const auto is_library = [](const std::string& n) { return n == "neopixel" || n == "adafruit_bme280"; };
  auto scan = scan_project(root, root / "code.py", is_library);
  REQUIRE(scan.ok());
  std::vector<std::string> names;
  for (const auto& i : scan->imports) names.push_back(i.module + (i.optional ? "?" : ""));
  CHECK(names == std::vector<std::string>{"board", "ulab?", "neopixel", "adafruit_bme280", "displayio", "rp2pio"});
  CHECK(scan->local_files.size() == 6);
  CHECK(project_entry(root).value() == root / "code.py");
}

TEST_CASE("a local module that does not parse is bad input naming the file and line") {
  test::TempDir dir;
  write(dir.path / "code.py", "import helper\n");
  write(dir.path / "helper.py", "def f(:\n");
  auto scan = scan_project(dir.path, dir.path / "code.py", [](const std::string&) { return false; });
  REQUIRE_FALSE(scan.ok());
  CHECK(scan.error().code == ExitCode::bad_input);
  CHECK(scan.error().message.find("helper.py, line 1") != std::string::npos);
}
