// Safe-mode reasons and CircuitPython's en_US sentences for them (supervisor/shared/safe_mode.c, 8.1+).
#include "firmware/supervisor/safe_mode.hpp"

namespace cpy::firmware {

std::string_view safe_mode_reason_name(SafeModeReason reason) {
  switch (reason) {
    case SafeModeReason::user:
      return "USER";
    case SafeModeReason::programmatic:
      return "PROGRAMMATIC";
    case SafeModeReason::safemode_py_error:
      return "SAFEMODE_PY_ERROR";
    case SafeModeReason::none:
      break;
  }
  return "NONE";
}

namespace {

std::string_view reason_sentence(SafeModeReason reason) {
  switch (reason) {
    case SafeModeReason::user:
      return "You pressed the reset button during boot.";
    case SafeModeReason::programmatic:
      return "The `microcontroller` module was used to boot into safe mode.";
    case SafeModeReason::safemode_py_error:
      return "Error in safemode.py.";
    case SafeModeReason::none:
      break;
  }
  return {};
}

}  // namespace

std::string safe_mode_message(SafeModeReason reason) {
  if (reason == SafeModeReason::none) return {};
  return "\nYou are in safe mode because:\n" + std::string(reason_sentence(reason)) +
         "\nPress reset to exit safe mode.\n";
}

}  // namespace cpy::firmware
