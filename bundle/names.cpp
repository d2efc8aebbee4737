// Name normalisation tables and rules.
#include "bundle/names.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace cpy::bundle {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 9> k_aliases = {{
    {"adafruit_busdevice", "adafruit_bus_device"},
    {"adafruit_neopixel", "neopixel"},
    {"adafruit_asyncio", "asyncio"},
    {"adafruit_simpleio", "simpleio"},
    {"adafruit_sd", "adafruit_sdcard"},
    {"adafruit_display_button", "adafruit_button"},
    {"adafruit_neopixel_spi", "neopixel_spi"},
    {"adafruit_adafruitio", "adafruit_io"},
    {"adafruit_requests", "adafruit_requests"},
}};

constexpr std::array<std::string_view, 6> k_host_only = {"adafruit_blinka",           "adafruit_blinka_bleio",
                                                         "adafruit_blinka_displayio", "adafruit_circuitpython_typing",
                                                         "circuitpython_typing",      "pyserial"};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
}

std::string canonical(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  replace_all(out, "-circuitpython-", "_");
  replace_all(out, "_circuitpython_", "_");
  std::replace(out.begin(), out.end(), '-', '_');
  std::replace(out.begin(), out.end(), '.', '_');
  return out;
}

}  // namespace

std::string normalise_name(std::string_view name) {
  std::string out = canonical(name);
  for (const auto& [from, to] : k_aliases)
    if (out == from) return std::string(to);
  return out;
}

bool is_host_only_package(std::string_view name) {
  std::string plain(name);
  std::transform(plain.begin(), plain.end(), plain.begin(),
                 [](unsigned char c) { return c == '-' ? '_' : std::tolower(c); });
  for (const std::string& n : {canonical(name), plain})
    if (std::find(k_host_only.begin(), k_host_only.end(), n) != k_host_only.end()) return true;
  return false;
}

std::string module_from_repo(std::string_view repo) {
  while (!repo.empty() && repo.back() == '/') repo.remove_suffix(1);
  if (const auto slash = repo.rfind('/'); slash != std::string_view::npos) repo.remove_prefix(slash + 1);
  if (repo.size() > 4 && repo.substr(repo.size() - 4) == ".git") repo.remove_suffix(4);
  return normalise_name(repo);
}

}  // namespace cpy::bundle
