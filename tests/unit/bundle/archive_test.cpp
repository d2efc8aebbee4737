// Tests of bundle/archive: zips read in place, top folder stripped, CRCs checked, unsafe names refused.
#include <doctest/doctest.h>

#include <fstream>

#include "bundle/archive.hpp"
#include "bundle_test_util.hpp"
#include "core/atomic_file.hpp"

using namespace cpy;
using namespace cpy::bundle;

TEST_CASE("a bundle zip lists its files without the top folder and reads them") {
  test::TempDir dir;
  const auto zip = dir.path / "b-py-1.zip";
  REQUIRE(test::write_zip(zip, {{"b-py-1/lib/neopixel.py", "__version__ = '1.0.0'\n"},
                                {"b-py-1/lib/pkg/__init__.py", ""},
                                {"b-py-1/VERSIONS.txt", "1\r\n"}}));
  auto archive = open_zip(zip);
  REQUIRE(archive.ok());
  CHECK((*archive)->files() == std::vector<std::string>{"VERSIONS.txt", "lib/neopixel.py", "lib/pkg/__init__.py"});
  CHECK(*(*archive)->read("lib/neopixel.py") == "__version__ = '1.0.0'\n");
  CHECK((*archive)->files_under("lib/pkg/") == std::vector<std::string>{"lib/pkg/__init__.py"});
  CHECK(!(*archive)->read("lib/missing.py").ok());
}

TEST_CASE("a zip entry that escapes its folder rejects the whole zip") {
  test::TempDir dir;
  const auto zip = dir.path / "evil.zip";
  REQUIRE(test::write_zip(zip, {{"b/lib/ok.py", "x"}, {"b/lib/../../../etc/evil.py", "x"}}));
  auto archive = open_zip(zip);
  REQUIRE(!archive.ok());
  CHECK(archive.error().code == ExitCode::bad_input);
  CHECK(archive.error().message.find("unsafe entry") != std::string::npos);
  CHECK(unsafe_entry_name("/abs.py"));
  CHECK(unsafe_entry_name("C:/x.py"));
  CHECK(!unsafe_entry_name("lib/a..b.py"));
}

TEST_CASE("a zip with a damaged entry fails verification naming the entry") {
  test::TempDir dir;
  const auto zip = dir.path / "b.zip";
  std::string payload;
  unsigned state = 12345;
  for (int i = 0; i < 4000; ++i) payload.push_back(static_cast<char>((state = state * 1103515245u + 12345u) >> 24));
  REQUIRE(test::write_zip(zip, {{"b/lib/big.py", payload}}));
  auto bytes = *read_file(zip);
  bytes[200] = static_cast<char>(bytes[200] ^ 0x55);  // inside the entry's data (header + name are 42 bytes)
  REQUIRE(write_file_atomic(zip, bytes).ok());
  auto status = verify_zip(zip);
  REQUIRE(!status.ok());
  CHECK(status.error().code == ExitCode::bad_input);
}

TEST_CASE("a file that is not a zip is a clear bad-input error") {
  test::TempDir dir;
  REQUIRE(write_file_atomic(dir.path / "x.zip", "this is not a zip at all").ok());
  auto archive = open_zip(dir.path / "x.zip");
  REQUIRE(!archive.ok());
  CHECK(archive.error().message.find("corrupt bundle zip") != std::string::npos);
}

TEST_CASE("a folder is read like an unpacked bundle") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path / "lib" / "pkg");
  REQUIRE(write_file_atomic(dir.path / "lib" / "pkg" / "__init__.py", "x").ok());
  auto archive = open_archive(dir.path);
  REQUIRE(archive.ok());
  CHECK((*archive)->contains("lib/pkg/__init__.py"));
}
