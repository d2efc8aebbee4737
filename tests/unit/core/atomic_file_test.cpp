// Tests of core/atomic_file: staged writes, renames and errors that name the file.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "core/atomic_file.hpp"

using namespace cpy;
namespace fs = std::filesystem;

namespace {
struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/cpytool-core-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
};
}  // namespace

TEST_CASE("an atomic write replaces the file and leaves no temp file behind") {
  TempDir dir;
  const fs::path file = dir.path / "a.txt";
  REQUIRE(write_file_atomic(file, "old").ok());
  REQUIRE(write_file_atomic(file, "new contents").ok());
  CHECK(*read_file(file) == "new contents");
  CHECK(!fs::exists(staging_path(file)));
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("a staged file is invisible until it is committed") {
  TempDir dir;
  const fs::path file = dir.path / "lib.mpy";
  REQUIRE(write_file_atomic(file, "v1").ok());
  REQUIRE(write_staged(file, "v2").ok());
  CHECK(*read_file(file) == "v1");
  CHECK(fs::exists(staging_path(file)));
  REQUIRE(commit_staged(file).ok());
  CHECK(*read_file(file) == "v2");
}

TEST_CASE("writing into a missing folder is an io error naming the path") {
  TempDir dir;
  auto status = write_file_atomic(dir.path / "missing" / "x.py", "x");
  REQUIRE(!status.ok());
  CHECK(status.error().code == ExitCode::io);
  CHECK(status.error().message.find("missing") != std::string::npos);
}

TEST_CASE("reading a missing file is an error, free space is reported") {
  TempDir dir;
  CHECK(!read_file(dir.path / "nope").ok());
  auto free = free_bytes(dir.path);
  REQUIRE(free.ok());
  CHECK(*free > 0);
}
