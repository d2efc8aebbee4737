// Modules frozen into a board's firmware: from a help('modules') listing or from the board catalog.
#pragma once

#include <set>
#include <string>

#include "bundle/loader.hpp"
#include "core/board_catalog.hpp"

namespace cpy::bundle {

/// The module names of a help('modules') listing (top-level names; "pkg/__init__" -> "pkg"). The last
/// non-empty line ("Plus any modules on the filesystem", translated on some builds) is dropped.
std::set<std::string> parse_help_modules(const std::string& listing);

/// The bundle modules provided by the repositories `board` freezes, matched through the bundle JSON `repo`
/// field, else through the repository name ("Adafruit_CircuitPython_NeoPixel" -> "neopixel").
std::set<std::string> frozen_from_catalog(const BoardInfo& board, const BundleSet& bundles);

}  // namespace cpy::bundle
