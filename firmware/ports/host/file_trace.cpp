// FileTrace: one flushed line per event so a reader (a test, tail -f) sees it at once.
#include "firmware/ports/host/file_trace.hpp"

#include <cerrno>
#include <cstring>

namespace cpy::firmware::host {

FwResult<std::unique_ptr<FileTrace>> FileTrace::open(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (!file) return FirmwareError{"cannot write the trace file " + path.string() + ": " + std::strerror(errno)};
  return std::unique_ptr<FileTrace>(new FileTrace(file));
}

FileTrace::~FileTrace() { std::fclose(m_file); }

void FileTrace::record(const std::string& json_line) {
  std::lock_guard lock(m_mutex);
  std::fputs(json_line.c_str(), m_file);
  std::fputc('\n', m_file);
  std::fflush(m_file);
}

}  // namespace cpy::firmware::host
