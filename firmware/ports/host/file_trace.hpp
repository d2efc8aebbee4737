// The --trace FILE sink: JSON lines appended and flushed one by one.
#pragma once

#include <cstdio>
#include <filesystem>
#include <mutex>

#include "firmware/supervisor/error.hpp"
#include "firmware/supervisor/trace.hpp"

namespace cpy::firmware::host {

class FileTrace : public TraceSink {
 public:
  static FwResult<std::unique_ptr<FileTrace>> open(const std::filesystem::path& path);
  ~FileTrace() override;
  void record(const std::string& json_line) override;

 private:
  explicit FileTrace(std::FILE* file) : m_file(file) {}
  std::mutex m_mutex;
  std::FILE* m_file;
};

}  // namespace cpy::firmware::host
