// Library metadata of a module: `__version__` and `__repo__` (decoded from v6 bytecode, scanned for v5/v3).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "mpy/error.hpp"
#include "mpy/model.hpp"

namespace cpy::mpy {

enum class MetadataSource : std::uint8_t {
  decoded,  ///< from module-level LOAD_CONST_STRING/LOAD_CONST_OBJ + STORE_NAME/STORE_GLOBAL (v6)
  scanned,  ///< best-effort byte scan (v5/v3 files, which are not decoded)
};

struct ModuleMetadata {
  std::optional<std::string> version;  ///< `__version__`
  std::optional<std::string> repo;     ///< `__repo__`
  MetadataSource source = MetadataSource::decoded;
};

/// Decodes the module's top-level string assignments; the last assignment of each name wins.
ModuleMetadata module_metadata(const MpyFile& file);

/// Any .mpy: v6 is read (strictly) and decoded; v5/v3 fall back to a byte scan. Errors for unreadable files.
MpyResult<ModuleMetadata> read_metadata(std::span<const std::uint8_t> bytes);

}  // namespace cpy::mpy
