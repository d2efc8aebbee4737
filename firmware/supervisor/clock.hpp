// Virtual time for the VM: time.monotonic, time.sleep and trace timestamps, optionally sped up (--speed).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace cpy::firmware {

class Clock {
 public:
  virtual ~Clock() = default;
  /// Virtual nanoseconds since the board started.
  virtual std::uint64_t now_ns() = 0;
  /// Sleeps `ns` of virtual time; returns false early when `cancel` becomes true.
  virtual bool sleep_ns(std::uint64_t ns, const std::atomic<bool>& cancel) = 0;
};

/// Real time scaled by `speed`: a 0.5 s sleep at speed 10 takes 50 ms and advances virtual time by exactly 0.5 s.
class ScaledClock : public Clock {
 public:
  explicit ScaledClock(double speed);
  std::uint64_t now_ns() override;
  bool sleep_ns(std::uint64_t ns, const std::atomic<bool>& cancel) override;

 private:
  using Steady = std::chrono::steady_clock;
  double m_speed;
  std::mutex m_mutex;
  Steady::time_point m_base_real;
  std::uint64_t m_base_virtual = 0;
};

}  // namespace cpy::firmware
