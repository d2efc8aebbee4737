// Where cpytool keeps its cache and configuration (XDG, with CPYTOOL_* overrides) and finds its data files.
#pragma once

#include <filesystem>

namespace cpy {

/// CPYTOOL_CACHE_DIR, else $XDG_CACHE_HOME/cpytool, else ~/.cache/cpytool.
std::filesystem::path cache_dir();
/// CPYTOOL_CONFIG_DIR, else $XDG_CONFIG_HOME/cpytool, else ~/.config/cpytool.
std::filesystem::path config_dir();
/// A data file shipped with cpytool (e.g. "boards.json"): CPYTOOL_DATA_DIR, then share/cpytool/ beside the
/// installed binary, then data/ in a parent folder of the binary (a build tree inside the source tree).
/// Empty when not found.
std::filesystem::path find_data_file(const std::string& name);
/// The running executable (from /proc/self/exe); empty when unknown.
std::filesystem::path executable_path();

}  // namespace cpy
