// The porting rules from MicroPython to CircuitPython: modules that were renamed or have no counterpart, and
// module attributes (machine.Pin, time.sleep_ms, @micropython.native, ...) with what to use instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cpy::bundle {

enum class PortAction { fixable, manual };

struct ModuleRule {
  std::string_view module;       ///< the MicroPython name ("utime", "machine")
  std::string_view replacement;  ///< the CircuitPython module for a rename ("time"); empty when there is none
  std::string_view advice;       ///< what to use instead (manual), or a note about the rename (fixable)
  PortAction action;
};

struct AttributeRule {
  std::string_view path;    ///< canonical dotted path after renames ("time.sleep_ms", "machine.Pin.OUT")
  std::string_view rule;    ///< short rule id for reports and --json ("time", "machine", "decorator", ...)
  std::string_view advice;  ///< the CircuitPython replacement
};

/// The rule for an imported module name (its first dotted component decides), or nullopt when it runs as is.
std::optional<ModuleRule> module_rule(std::string_view module);
/// `path` with a renamed first component replaced ("utime.sleep_ms" -> "time.sleep_ms").
std::string canonical_path(std::string_view path);
/// The rule for the longest prefix of a canonical dotted path that has one ("machine.Pin.irq" before
/// "machine.Pin"), or nullopt.
std::optional<AttributeRule> attribute_rule(std::string_view path);
/// Advice for a method call whose receiver is unknown but whose name only MicroPython uses (`.irq(`).
std::optional<AttributeRule> method_rule(std::string_view method);

}  // namespace cpy::bundle
