// Auto-reload bookkeeping: file-change triggers, the 750 ms quiet period, suspension while the REPL runs.
#pragma once

#include <chrono>
#include <mutex>

namespace cpy::firmware {

class AutoReload {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds k_default_delay{750};

  explicit AutoReload(std::chrono::milliseconds delay = k_default_delay) : m_delay(delay) {}

  /// A file changed at `now`. Returns true when the trigger counts (enabled and not suspended); dropped otherwise.
  bool trigger(Clock::time_point now);
  /// True once a trigger is pending and nothing changed for the delay.
  bool ready(Clock::time_point now) const;
  bool pending() const;
  void clear();
  /// While suspended (REPL active) triggers are dropped, not queued.
  void set_suspended(bool suspended);
  void set_enabled(bool enabled);
  bool enabled() const;

 private:
  mutable std::mutex m_mutex;
  std::chrono::milliseconds m_delay;
  bool m_enabled = true;
  bool m_suspended = false;
  bool m_pending = false;
  Clock::time_point m_last{};
};

}  // namespace cpy::firmware
