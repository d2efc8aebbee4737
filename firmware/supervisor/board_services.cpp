// Supervisor state exposed to the board modules.
#include "firmware/supervisor/board_services.hpp"

#include "firmware/supervisor/help_modules.hpp"

namespace cpy::firmware {

BoardServices::BoardServices(BoardIdentity identity, Drive& drive, const ModuleFinder& finder, Clock& clock,
                             VirtualPins& pins)
    : m_identity(std::move(identity)), m_drive(drive), m_finder(finder), m_clock(clock), m_pins(pins) {}

void BoardServices::set_next_code_file(std::optional<std::string> file) {
  std::lock_guard lock(m_mutex);
  m_next_code_file = std::move(file);
}

std::optional<std::string> BoardServices::take_next_code_file() {
  std::lock_guard lock(m_mutex);
  auto file = std::move(m_next_code_file);
  m_next_code_file.reset();
  return file;
}

void BoardServices::reset_for_hard_boot() {
  m_python_writable = false;
  m_in_boot_py = false;
  m_next_reset_mode = RunMode::normal;
  set_next_code_file(std::nullopt);
}

FwStatus BoardServices::remount_root(bool readonly) {
  if (!m_in_boot_py) return FirmwareError{"Cannot remount '/' when visible via USB."};
  m_python_writable = !readonly;
  return Done{};
}

std::optional<SettingValue> BoardServices::getenv(const std::string& key) const {
  auto text = m_drive.read("/settings.toml");
  if (!text) return std::nullopt;
  return settings_lookup(*text, key);
}

std::string BoardServices::help_modules(const std::vector<std::string>& builtin_names) const {
  std::vector<std::string> names = builtin_names;
  for (auto& name : m_finder.frozen_help_names()) names.push_back(name);
  return help_modules_text(std::move(names));
}

}  // namespace cpy::firmware
