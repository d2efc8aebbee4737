// How long-running work (downloads, copies) reports progress without knowing who displays it.
#pragma once

#include <cstdint>
#include <string>

namespace cpy {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  /// `total` is 0 when unknown.
  virtual void progress(const std::string& label, std::uint64_t done, std::uint64_t total) = 0;
  virtual void done(const std::string& summary) = 0;
};

/// A sink that shows nothing (--quiet, --json, tests).
class NullProgress final : public ProgressSink {
 public:
  void progress(const std::string&, std::uint64_t, std::uint64_t) override {}
  void done(const std::string&) override {}
};

}  // namespace cpy
