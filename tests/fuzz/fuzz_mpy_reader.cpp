// libFuzzer target: the .mpy reader must return a file or an error for any input; accepted files must
// disassemble, yield metadata, and survive a write/read round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "mpy/disasm.hpp"
#include "mpy/metadata.hpp"
#include "mpy/reader.hpp"
#include "mpy/writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  (void)cpy::mpy::read_metadata(bytes);
  const auto file = cpy::mpy::read_mpy(bytes);
  if (!file) return 0;
  const auto dis = cpy::mpy::disassemble(*file);
  if (!dis) std::abort();
  (void)cpy::mpy::format_disassembly(*dis);
  const auto written = cpy::mpy::write_mpy(*file);
  const auto again = cpy::mpy::read_mpy(written);
  if (!again || cpy::mpy::write_mpy(*again) != written) std::abort();
  return 0;
}
