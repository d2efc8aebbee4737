// The static qstr list of .mpy v5/v6 (spec Appendix A): ids 1..165, written as (id << 1) | 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cpy::mpy {

inline constexpr std::uint32_t k_static_qstr_first = 1;
inline constexpr std::uint32_t k_static_qstr_last = 165;  ///< QSTR_LAST_STATIC (`zip`)

/// The string of static qstr `id` (1..165); nullopt for any other id.
std::optional<std::string_view> static_qstr_string(std::uint32_t id);

/// The static id of `text` if it is exactly one of the 165 strings.
std::optional<std::uint32_t> static_qstr_id(std::string_view text);

}  // namespace cpy::mpy
