// A status line that overwrites itself on a TTY and prints plain lines otherwise, and a progress bar on it.
#include "cli/ui/status_line.hpp"

#include <algorithm>

namespace cpy::cli {

StatusLine::StatusLine(std::FILE* stream, bool smart, int width) : m_stream(stream), m_smart(smart), m_width(width) {}

StatusLine::~StatusLine() {
  if (m_open && m_smart) std::fputc('\n', m_stream);
}

std::string StatusLine::elide(const std::string& text) const {
  const std::size_t width = static_cast<std::size_t>(std::max(m_width - 1, 10));
  if (text.size() <= width) return text;
  const std::size_t keep = width - 3;
  return text.substr(0, keep / 2) + "..." + text.substr(text.size() - (keep - keep / 2));
}

void StatusLine::update(const std::string& text) {
  if (text == m_last) return;
  m_last = text;
  if (m_smart) {
    std::fprintf(m_stream, "\r%s\x1b[K", elide(text).c_str());
    m_open = true;
  } else {
    std::fprintf(m_stream, "%s\n", text.c_str());
  }
  std::fflush(m_stream);
}

void StatusLine::finish(const std::string& text) {
  if (m_smart) {
    std::fprintf(m_stream, "\r%s\x1b[K\n", elide(text).c_str());
  } else if (text != m_last) {
    std::fprintf(m_stream, "%s\n", text.c_str());
  }
  m_open = false;
  m_last.clear();
  std::fflush(m_stream);
}

std::string format_bytes(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1000) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1000 * 1000) {
    std::snprintf(buf, sizeof buf, "%.1f kB", static_cast<double>(bytes) / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  }
  return buf;
}

std::string format_progress(const std::string& label, std::uint64_t done, std::uint64_t total, int bar_width) {
  if (total == 0) return label + " " + format_bytes(done);
  done = std::min(done, total);
  const int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * bar_width);
  const int percent = static_cast<int>(done * 100 / total);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(bar_width - filled), '-');
  char pct[8];
  std::snprintf(pct, sizeof pct, "%3d%%", percent);
  return label + " [" + bar + "] " + pct + " " + format_bytes(done) + "/" + format_bytes(total);
}

ProgressBar::ProgressBar(std::FILE* stream, bool smart, int width) : m_line(stream, smart, width), m_smart(smart) {}

void ProgressBar::progress(const std::string& label, std::uint64_t done, std::uint64_t total) {
  if (m_smart) {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - m_last_draw < std::chrono::milliseconds(80)) return;
    m_last_draw = now;
    m_line.update(format_progress(label, done, total, 24));
    return;
  }
  const int quarter = total ? static_cast<int>(std::min(done, total) * 4 / total) : 0;
  if (quarter == m_last_quarter) return;
  m_last_quarter = quarter;
  m_line.update(format_progress(label, done, total, 24));
}

void ProgressBar::done(const std::string& summary) {
  m_line.finish(summary);
  m_last_quarter = -1;
}

}  // namespace cpy::cli
