// libFuzzer target: the compiler must return .mpy bytes or an error for any source text, and the bytes it
// returns must be accepted by the strict .mpy reader.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "mpy/reader.hpp"
#include "mpycross/compiler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  for (int level : {0, 3}) {
    cpy::mpycross::Options options;
    options.opt_level = level;
    auto result = cpy::mpycross::compile(source, "fuzz.py", options);
    if (const auto* bytes = std::get_if<std::vector<std::uint8_t>>(&result)) {
      if (!cpy::mpy::read_mpy(std::span<const std::uint8_t>(*bytes))) std::abort();
    }
  }
  return 0;
}
