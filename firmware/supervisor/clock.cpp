// The scaled clock: virtual time advances by exact sleep amounts plus scaled real time in between.
#include "firmware/supervisor/clock.hpp"

#include <thread>

namespace cpy::firmware {

ScaledClock::ScaledClock(double speed) : m_speed(speed > 0 ? speed : 1.0), m_base_real(Steady::now()) {}

std::uint64_t ScaledClock::now_ns() {
  std::lock_guard lock(m_mutex);
  auto real = std::chrono::duration_cast<std::chrono::nanoseconds>(Steady::now() - m_base_real).count();
  return m_base_virtual + static_cast<std::uint64_t>(static_cast<double>(real) * m_speed);
}

bool ScaledClock::sleep_ns(std::uint64_t ns, const std::atomic<bool>& cancel) {
  std::uint64_t start = now_ns();
  auto real_total = std::chrono::nanoseconds(static_cast<std::int64_t>(static_cast<double>(ns) / m_speed));
  auto deadline = Steady::now() + real_total;
  constexpr auto k_slice = std::chrono::milliseconds(5);
  while (Steady::now() < deadline) {
    if (cancel.load()) return false;
    std::this_thread::sleep_for(std::min<Steady::duration>(k_slice, deadline - Steady::now()));
  }
  std::lock_guard lock(m_mutex);
  m_base_real = Steady::now();
  m_base_virtual = start + ns;
  return !cancel.load();
}

}  // namespace cpy::firmware
