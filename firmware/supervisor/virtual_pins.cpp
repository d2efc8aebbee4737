// Pin state of the virtual board and the trace lines its changes produce.
#include "firmware/supervisor/virtual_pins.hpp"

#include <cstdio>

namespace cpy::firmware {

std::optional<int> BoardDefinition::find_board_pin(std::string_view name) const {
  for (const auto& entry : board_pins)
    if (entry.board_name == name) return entry.pin;
  return std::nullopt;
}

std::optional<int> BoardDefinition::find_mcu_pin(std::string_view name) const {
  for (std::size_t i = 0; i < mcu_pins.size(); ++i)
    if (mcu_pins[i] == name) return static_cast<int>(i);
  return std::nullopt;
}

std::string BoardDefinition::pin_repr(int pin) const {
  for (const auto& entry : board_pins)
    if (entry.pin == pin) return "board." + entry.board_name;
  return "microcontroller.pin." + mcu_pins.at(static_cast<std::size_t>(pin));
}

std::string BoardDefinition::pin_label(int pin) const {
  for (const auto& entry : board_pins)
    if (entry.pin == pin) return entry.board_name;
  return mcu_pins.at(static_cast<std::size_t>(pin));
}

BoardDefinition virtual_board_definition() {
  BoardDefinition def;
  for (int i = 0; i < 30; ++i) def.mcu_pins.push_back("GPIO" + std::to_string(i));
  for (int i = 0; i < 14; ++i) def.board_pins.push_back({"D" + std::to_string(i), i});
  for (int i = 0; i < 4; ++i) def.board_pins.push_back({"A" + std::to_string(i), 26 + i});
  def.board_pins.push_back({"LED", 25});
  def.board_pins.push_back({"NEOPIXEL", 16});
  def.board_pins.push_back({"BUTTON", 17});
  def.board_pins.push_back({"SDA", 20});
  def.board_pins.push_back({"SCL", 21});
  def.board_pins.push_back({"TX", 0});
  def.board_pins.push_back({"RX", 1});
  return def;
}

VirtualPins::VirtualPins(BoardDefinition definition, Clock& clock, TraceSink* trace)
    : m_definition(std::move(definition)),
      m_clock(clock),
      m_trace(trace),
      m_states(m_definition.mcu_pins.size()),
      m_pixels(m_definition.mcu_pins.size()) {}

FwStatus VirtualPins::claim(int pin) {
  std::lock_guard lock(m_mutex);
  if (!valid(pin)) return FirmwareError{"invalid pin"};
  if (m_states[pin].in_use) return FirmwareError{m_definition.pin_label(pin) + " in use"};
  m_states[pin].in_use = true;
  trace(pin, "claim", "true");
  return Done{};
}

void VirtualPins::release(int pin) {
  std::lock_guard lock(m_mutex);
  if (!valid(pin) || !m_states[pin].in_use) return;
  bool external = m_states[pin].external_level;
  m_states[pin] = PinState{};
  m_states[pin].external_level = external;
  trace(pin, "release", "true");
}

void VirtualPins::set_direction(int pin, Direction direction) {
  std::lock_guard lock(m_mutex);
  if (!valid(pin) || m_states[pin].direction == direction) return;
  m_states[pin].direction = direction;
  if (direction == Direction::output) m_states[pin].pull = Pull::none;
  trace(pin, "direction", direction == Direction::output ? "\"output\"" : "\"input\"");
}

void VirtualPins::set_output(int pin, bool level) {
  std::lock_guard lock(m_mutex);
  if (!valid(pin) || m_states[pin].output_level == level) return;
  m_states[pin].output_level = level;
  if (m_states[pin].direction == Direction::output) trace(pin, "value", level ? "true" : "false");
}

void VirtualPins::set_pull(int pin, Pull pull) {
  std::lock_guard lock(m_mutex);
  if (!valid(pin) || m_states[pin].pull == pull) return;
  m_states[pin].pull = pull;
  trace(pin, "pull", pull == Pull::up ? "\"up\"" : pull == Pull::down ? "\"down\"" : "null");
}

void VirtualPins::set_drive_mode(int pin, DriveMode mode) {
  std::lock_guard lock(m_mutex);
  if (!valid(pin) || m_states[pin].drive_mode == mode) return;
  m_states[pin].drive_mode = mode;
  trace(pin, "drive_mode", mode == DriveMode::open_drain ? "\"open_drain\"" : "\"push_pull\"");
}

bool VirtualPins::read(int pin) const {
  std::lock_guard lock(m_mutex);
  if (!valid(pin)) return false;
  const PinState& s = m_states[pin];
  if (s.direction == Direction::output) return s.output_level;
  if (s.pull == Pull::up) return true;
  if (s.pull == Pull::down) return false;
  return s.external_level;
}

PinState VirtualPins::state(int pin) const {
  std::lock_guard lock(m_mutex);
  return valid(pin) ? m_states[pin] : PinState{};
}

void VirtualPins::reset_all() {
  std::lock_guard lock(m_mutex);
  for (std::size_t pin = 0; pin < m_states.size(); ++pin) {
    if (!m_states[pin].in_use) continue;
    bool external = m_states[pin].external_level;
    m_states[pin] = PinState{};
    m_states[pin].external_level = external;
    trace(static_cast<int>(pin), "reset", "true");
  }
}

void VirtualPins::neopixel_write(int pin, std::string_view bytes) {
  std::lock_guard lock(m_mutex);
  if (!valid(pin)) return;
  m_pixels[pin] = std::string(bytes);
  std::string hex = "\"";
  char buf[3];
  for (unsigned char b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    hex += buf;
  }
  trace(pin, "pixels", hex + "\"");
}

std::string VirtualPins::last_pixels(int pin) const {
  std::lock_guard lock(m_mutex);
  return valid(pin) ? m_pixels[pin] : std::string{};
}

void VirtualPins::trace(int pin, const std::string& event, const std::string& value_json) {
  if (!m_trace) return;
  char t[32];
  std::snprintf(t, sizeof t, "%.6f", static_cast<double>(m_clock.now_ns()) / 1e9);
  m_trace->record(std::string("{\"t\":") + t + ",\"pin\":" + json_quote(m_definition.pin_label(pin)) +
                  ",\"mcu_pin\":" + json_quote(m_definition.mcu_pins[pin]) + ",\"event\":" + json_quote(event) +
                  ",\"value\":" + value_json + "}");
}

}  // namespace cpy::firmware
