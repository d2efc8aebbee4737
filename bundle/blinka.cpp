// Module classification for Blinka (standard library, provided by Blinka, CircuitPython-only built-in, bundle
// library) and the requirements.txt writer.
#include "bundle/blinka.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "bundle/names.hpp"
#include "bundle/resolve.hpp"

namespace cpy::bundle {
namespace {

using Level = BlinkaNote::Level;

/// CPython's standard library covers these (the CircuitPython modules are subsets of them).
constexpr std::string_view k_stdlib[] = {
    "__future__", "abc",       "array", "asyncio", "atexit",    "binascii", "builtins", "collections", "copy",
    "errno",      "functools", "gc",    "getpass", "hashlib",   "heapq",    "io",       "ipaddress",   "itertools",
    "json",       "locale",    "math",  "os",      "random",    "re",       "select",   "socket",      "ssl",
    "string",     "struct",    "sys",   "time",    "traceback", "typing",   "warnings", "zlib"};

/// Modules Adafruit Blinka itself provides on Linux.
constexpr std::string_view k_blinka[] = {"analogio",        "bitbangio",   "board",   "busio", "digitalio",
                                         "microcontroller", "micropython", "pulseio", "pwmio"};

struct BuiltinNote {
  std::string_view module;
  std::string_view text;
};

/// CircuitPython built-ins that no PyPI package provides, with what to do instead where there is something.
constexpr BuiltinNote k_no_package[] = {
    {"neopixel_write",
     "a CircuitPython built-in; Blinka has it only on some boards (Raspberry Pi, through the "
     "rpi_ws281x package)"},
    {"rp2pio", "a CircuitPython built-in for RP2040 PIO state machines; there is no Linux equivalent"},
    {"wifi", "a CircuitPython built-in; on Linux the network is already set up: use the socket module"},
    {"socketpool", "a CircuitPython built-in; on Linux use the socket module (adafruit_requests accepts it)"},
    {"supervisor", "a CircuitPython built-in with no Linux equivalent (time.monotonic() for supervisor.ticks_ms())"},
    {"storage", "a CircuitPython built-in; not needed on Linux, where files are on the normal file system"},
    {"ulab", "a CircuitPython built-in; use numpy on Linux (ulab.numpy follows a subset of it)"},
    {"rtc", "a CircuitPython built-in; on Linux the system clock is used (time.localtime())"},
    {"alarm", "a CircuitPython built-in (sleep and wake-up alarms) with no Linux equivalent"},
};

/// CircuitPython built-ins with no PyPI package and nothing specific to say.
constexpr std::string_view k_builtin_only[] = {
    "_bleio",      "aesio",         "audiobusio",    "audiocore", "audioio",      "audiomixer",
    "audiomp3",    "audiopwmio",    "busdisplay",    "camera",    "canio",        "countio",
    "dualbank",    "epaperdisplay", "espidf",        "espnow",    "fourwire",     "framebufferio",
    "frequencyio", "gifio",         "i2cdisplaybus", "i2ctarget", "imagecapture", "jpegio",
    "keypad",      "mdns",          "memorymap",     "msgpack",   "nvm",          "paralleldisplaybus",
    "picodvi",     "ps2io",         "qrio",          "rainbowio", "rgbmatrix",    "rotaryio",
    "sdcardio",    "sdioio",        "sharpdisplay",  "synthio",   "touchio",      "usb",
    "usb_cdc",     "usb_hid",       "usb_host",      "usb_midi",  "vectorio",     "watchdog"};

/// Display modules that Blinka_DisplayIO provides in part.
constexpr std::string_view k_displayio[] = {"displayio", "fontio", "terminalio"};
constexpr std::string_view k_displayio_package = "adafruit-blinka-displayio";

template <typename List>
bool contains(const List& list, std::string_view name) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

class Mapper {
 public:
  explicit Mapper(const BundleSet& bundles) : m_bundles(bundles) {
    m_out.packages.push_back({"adafruit-blinka", "", "", ""});
  }

  void add(const ImportedTopModule& m) {
    if (!m_seen.insert(m.name).second || contains(k_stdlib, m.name) || contains(k_blinka, m.name)) return;
    if (builtin(m.name, m.optional)) return;
    const std::string name = normalise_name(m.name);
    if (m_bundles.find(name)) {
      m_libraries.push_back(name);
      if (!m.version.empty()) m_installed[name] = m.version;
      return;
    }
    warn(m.name, m.optional,
         "not a bundle library, a local module or a known built-in; find its PyPI package yourself");
  }

  BlinkaRequirements finish() {
    const auto resolution = resolve(m_libraries, m_bundles);
    for (const auto& name : resolution.order) add_library(name, resolution);
    std::sort(m_out.packages.begin() + 1, m_out.packages.end(),
              [](const BlinkaPackage& a, const BlinkaPackage& b) { return a.pypi_name < b.pypi_name; });
    return std::move(m_out);
  }

 private:
  /// A warning, or a note when the import is optional (inside try:, so the code copes without it).
  void warn(const std::string& name, bool optional, const std::string& text) {
    m_out.notes.push_back(
        {optional ? Level::note : Level::warning, name, (optional ? "optional import: " : "") + text});
  }

  bool builtin(const std::string& name, bool optional) {
    if (contains(k_displayio, name)) {
      add_package({std::string(k_displayio_package), "", name, ""});
      m_out.notes.push_back({Level::note, name,
                             "comes from Blinka_DisplayIO (" + std::string(k_displayio_package) +
                                 "), a partial displayio for Linux displays"});
      return true;
    }
    for (const auto& b : k_no_package) {
      if (b.module != name) continue;
      warn(name, optional, "no PyPI package: " + std::string(b.text));
      return true;
    }
    if (!contains(k_builtin_only, name)) return false;
    warn(name, optional, "no PyPI package: a CircuitPython built-in; check whether Blinka supports it on your board");
    return true;
  }

  void add_library(const std::string& name, const Resolution& resolution) {
    const auto hit = m_bundles.find(name);
    if (!hit) return;
    const Library& lib = *hit->library;
    const auto by = resolution.required_by.find(name);
    const std::string required_by = by == resolution.required_by.end() ? "" : by->second;
    if (lib.pypi_name.empty()) {
      m_out.notes.push_back({Level::warning, name,
                             "the bundle index gives no pypi_name for this library; find its "
                             "PyPI package yourself"});
    } else {
      const auto installed = m_installed.find(name);
      add_package({lib.pypi_name, installed != m_installed.end() ? installed->second : lib.version, name, required_by});
    }
    for (const auto& external : lib.external_dependencies) add_package({external, "", name, name});
  }

  /// PyPI compares names case-insensitively with `-`, `_` and `.` alike.
  static std::string pypi_key(std::string name) {
    for (char& c : name)
      c = c == '_' || c == '.' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
  }

  void add_package(BlinkaPackage p) {
    const auto same = [&p](const BlinkaPackage& q) { return pypi_key(q.pypi_name) == pypi_key(p.pypi_name); };
    if (std::none_of(m_out.packages.begin(), m_out.packages.end(), same)) m_out.packages.push_back(std::move(p));
  }

  const BundleSet& m_bundles;
  BlinkaRequirements m_out;
  std::set<std::string> m_seen;
  std::vector<std::string> m_libraries;
  std::map<std::string, std::string> m_installed;
};

}  // namespace

BlinkaRequirements blinka_requirements(const std::vector<ImportedTopModule>& modules, const BundleSet& bundles) {
  Mapper mapper(bundles);
  for (const auto& m : modules) mapper.add(m);
  return mapper.finish();
}

std::string requirements_text(const BlinkaRequirements& reqs, const std::string& origin) {
  std::string text = "# Blinka requirements for " + origin + " (generated by cpytool)\n";
  for (const auto& p : reqs.packages) text += p.pypi_name + (p.version.empty() ? "" : "==" + p.version) + "\n";
  for (const auto& n : reqs.notes)
    text += std::string(n.level == Level::warning ? "# warning: " : "# note: ") + n.module + ": " + n.text + "\n";
  return text;
}

}  // namespace cpy::bundle
