// __version__/__repo__ decoding from v6 bytecode and the v5/v3 byte-scan fallback.
#include <doctest/doctest.h>

#include <string>

#include "golden_files.hpp"
#include "mpy/fun_data.hpp"
#include "mpy/metadata.hpp"
#include "mpy/reader.hpp"
#include "mpy/writer.hpp"

using namespace cpy::mpy;

TEST_CASE("metadata of a golden library module is decoded from its bytecode") {
  const auto meta = read_metadata(test::load_file(test::corpus_dir() / "module_header_version.mpy"));
  REQUIRE(meta.ok());
  CHECK(meta->source == MetadataSource::decoded);
  CHECK(meta->version == "1.2.3");
  CHECK(meta->repo == "https://github.com/example/Example_Driver.git");
}

TEST_CASE("metadata uses the last module-level assignment and ignores other names") {
  MpyFile file;
  file.qstrs = {"t.py", "<module>", "__version__", "2.0", "__repo__", "other", "9.9"};
  file.constants = {Constant::str("3.0.0-long-version")};
  FunctionParts parts;
  parts.simple_name = 1;
  parts.bytecode = {0x10, 3,   0x16, 2,  // __version__ = "2.0"
                    0x10, 6,   0x16, 5,  // other = "9.9"
                    0x23, 0,   0x17, 2,  // global __version__ = "3.0.0-long-version"
                    0x51, 0x63};
  file.module = make_raw_code(std::move(parts));
  const auto meta = read_metadata(write_mpy(file));
  REQUIRE(meta.ok());
  CHECK(meta->version == "3.0.0-long-version");
  CHECK_FALSE(meta->repo);
}

TEST_CASE("a module without metadata has none") {
  const auto meta = read_metadata(test::load_file(test::corpus_dir() / "lex_empty_file.mpy"));
  REQUIRE(meta.ok());
  CHECK_FALSE(meta->version);
  CHECK_FALSE(meta->repo);
}

TEST_CASE("v5 files fall back to a byte scan") {
  std::string body = std::string("\x43\x05\x02\x1f\x20", 5) + "\x0a" + "1.4.2" + "\x16\x16" + "__version__" + "\x10" +
                     "__repo__" + "\x5a" + "https://github.com/adafruit/Adafruit_CircuitPython_X.git" +
                     std::string(1, '\0');
  const std::vector<std::uint8_t> bytes(body.begin(), body.end());
  const auto meta = read_metadata(bytes);
  REQUIRE(meta.ok());
  CHECK(meta->source == MetadataSource::scanned);
  CHECK(meta->version == "1.4.2");
  CHECK(meta->repo == "https://github.com/adafruit/Adafruit_CircuitPython_X.git");
}

TEST_CASE("metadata of an invalid file is the reader's error") {
  const std::vector<std::uint8_t> bytes = {0x43, 6, 0, 31, 5};
  const auto meta = read_metadata(bytes);
  REQUIRE_FALSE(meta.ok());
  CHECK(meta.error().message.find("at offset 4") != std::string::npos);
}
