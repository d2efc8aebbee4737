// Library name normalisation: the canonical module name for a PyPI, repo or user-typed name (circup's rules).
#pragma once

#include <string>
#include <string_view>

namespace cpy::bundle {

/// Lower-cases, turns "-circuitpython-"/"_circuitpython_" into "_" and "-" into "_", then applies the alias
/// map ("adafruit_neopixel" -> "neopixel", "adafruit_busdevice" -> "adafruit_bus_device", ...).
std::string normalise_name(std::string_view name);

/// Host-only packages that never go onto a board (Blinka, typing stubs, pyserial).
bool is_host_only_package(std::string_view name);

/// The module name a repository provides: ".../Adafruit_CircuitPython_BME280" -> "adafruit_bme280".
std::string module_from_repo(std::string_view repo);

}  // namespace cpy::bundle
