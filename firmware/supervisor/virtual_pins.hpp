// The virtual board's pins: names, claims ("in use"), direction, level, pull; every change traced.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/supervisor/clock.hpp"
#include "firmware/supervisor/error.hpp"
#include "firmware/supervisor/trace.hpp"

namespace cpy::firmware {

enum class Direction { input, output };
enum class Pull { none, up, down };
enum class DriveMode { push_pull, open_drain };

struct PinName {
  std::string board_name;  ///< "LED" (a board attribute)
  int pin = 0;             ///< index into BoardDefinition::mcu_pins
};

struct BoardDefinition {
  /// microcontroller.pin names, e.g. "GPIO25".
  std::vector<std::string> mcu_pins;
  /// board names in board-module order; several may name one pin.
  std::vector<PinName> board_pins;

  /// The pin a board name refers to.
  std::optional<int> find_board_pin(std::string_view name) const;
  std::optional<int> find_mcu_pin(std::string_view name) const;
  /// repr of a pin: "board.<first board name>" or "microcontroller.pin.<mcu name>".
  std::string pin_repr(int pin) const;
  /// The name used in messages ("LED in use"): first board name, else the MCU name.
  std::string pin_label(int pin) const;
};

/// The default virtual board: GPIO0..GPIO29, D0..D13, A0..A3, LED, NEOPIXEL, BUTTON, SDA/SCL, TX/RX.
BoardDefinition virtual_board_definition();

struct PinState {
  bool in_use = false;
  Direction direction = Direction::input;
  Pull pull = Pull::none;
  DriveMode drive_mode = DriveMode::push_pull;
  bool output_level = false;
  bool external_level = false;  ///< what the outside world drives onto an input with no pull
};

class VirtualPins {
 public:
  VirtualPins(BoardDefinition definition, Clock& clock, TraceSink* trace);

  const BoardDefinition& definition() const { return m_definition; }

  /// DigitalInOut(pin): fails with "<PIN> in use" when claimed.
  FwStatus claim(int pin);
  void release(int pin);
  void set_direction(int pin, Direction direction);
  void set_output(int pin, bool level);
  void set_pull(int pin, Pull pull);
  void set_drive_mode(int pin, DriveMode mode);
  /// The level `.value` reads: the output level, else pull, else the external level.
  bool read(int pin) const;
  PinState state(int pin) const;
  /// Frees and resets every pin (the VM ended); traced once per pin that was in use.
  void reset_all();
  /// neopixel_write(pin, buf): recorded in the trace and kept as the pin's last pixel bytes.
  void neopixel_write(int pin, std::string_view bytes);
  std::string last_pixels(int pin) const;

 private:
  void trace(int pin, const std::string& event, const std::string& value_json);
  bool valid(int pin) const { return pin >= 0 && static_cast<std::size_t>(pin) < m_states.size(); }

  BoardDefinition m_definition;
  Clock& m_clock;
  TraceSink* m_trace;
  mutable std::mutex m_mutex;
  std::vector<PinState> m_states;
  std::vector<std::string> m_pixels;
};

}  // namespace cpy::firmware
