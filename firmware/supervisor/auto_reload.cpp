// Auto-reload debounce.
#include "firmware/supervisor/auto_reload.hpp"

namespace cpy::firmware {

bool AutoReload::trigger(Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  if (!m_enabled || m_suspended) return false;
  m_pending = true;
  m_last = now;
  return true;
}

bool AutoReload::ready(Clock::time_point now) const {
  std::lock_guard lock(m_mutex);
  return m_pending && now - m_last >= m_delay;
}

bool AutoReload::pending() const {
  std::lock_guard lock(m_mutex);
  return m_pending;
}

void AutoReload::clear() {
  std::lock_guard lock(m_mutex);
  m_pending = false;
}

void AutoReload::set_suspended(bool suspended) {
  std::lock_guard lock(m_mutex);
  m_suspended = suspended;
  if (suspended) m_pending = false;
}

void AutoReload::set_enabled(bool enabled) {
  std::lock_guard lock(m_mutex);
  m_enabled = enabled;
  if (!enabled) m_pending = false;
}

bool AutoReload::enabled() const {
  std::lock_guard lock(m_mutex);
  return m_enabled;
}

}  // namespace cpy::firmware
