// BoardFiles over the raw REPL: os.listdir/os.stat, hex-encoded reads and writes (device-protocol.md §2.7).
#pragma once

#include "device/board_files.hpp"
#include "device/serial/raw_repl.hpp"

namespace cpy::device {

class ReplFiles final : public BoardFiles {
 public:
  /// `repl` must already be in the raw REPL.
  explicit ReplFiles(RawRepl& repl) : m_repl(repl) {}
  Result<std::vector<FileEntry>> list(const std::string& dir) override;
  Result<std::string> read(const std::string& path) override;
  Status write(const std::string& path, const std::string& data) override;
  Status remove(const std::string& path) override;
  Status mkdir(const std::string& path) override;
  Status move(const std::string& from, const std::string& to) override;
  Result<FileCheck> check(const std::string& path) override;

 private:
  /// Runs code; a raised exception becomes an error naming `path` (OSError errno 2/30/17 explained).
  Result<std::string> run(const std::string& code, const std::string& path);
  RawRepl& m_repl;
};

/// A Python string literal for `text` (single quotes, escapes for quotes, backslashes and control bytes).
std::string python_string(const std::string& text);

}  // namespace cpy::device
