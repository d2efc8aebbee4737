// A status line that overwrites itself on a TTY and prints plain lines otherwise, and a progress bar on it.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/progress.hpp"

namespace cpy::cli {

class StatusLine {
 public:
  /// `smart` = overwrite in place (a TTY); otherwise each update that changes the text is a new line.
  StatusLine(std::FILE* stream, bool smart, int width);
  ~StatusLine();
  void update(const std::string& text);
  /// Ends the line: the final text stays on screen.
  void finish(const std::string& text);

 private:
  std::string elide(const std::string& text) const;
  std::FILE* m_stream;
  bool m_smart;
  int m_width;
  bool m_open = false;
  std::string m_last;
};

/// "label [#####-----]  45%  1.2/2.6 MB": throttled, plain lines at every 25 % when not on a TTY.
std::string format_progress(const std::string& label, std::uint64_t done, std::uint64_t total, int bar_width);
std::string format_bytes(std::uint64_t bytes);

class ProgressBar final : public ProgressSink {
 public:
  ProgressBar(std::FILE* stream, bool smart, int width);
  void progress(const std::string& label, std::uint64_t done, std::uint64_t total) override;
  void done(const std::string& summary) override;

 private:
  StatusLine m_line;
  bool m_smart;
  int m_last_quarter = -1;
  std::chrono::steady_clock::time_point m_last_draw{};
};

}  // namespace cpy::cli
