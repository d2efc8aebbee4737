// os.getenv() over settings.toml: the subset CircuitPython reads (top-level `KEY = "string"` or integer).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace cpy::firmware {

using SettingValue = std::variant<std::string, long long>;

/// The value of `key` in settings.toml text, or nothing when the key is absent, inside a [table], or not a
/// string or integer (as CircuitPython, which ignores what it cannot parse).
std::optional<SettingValue> settings_lookup(std::string_view toml_text, std::string_view key);

}  // namespace cpy::firmware
