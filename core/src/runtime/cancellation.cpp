#include "runtime/cancellation.h"

#include "sdxl/error.h"

namespace sdxl::runtime {

namespace {
struct State {
  const std::function<bool()>* poll = nullptr;
  int paused = 0;
};
thread_local State t_state;
} // namespace

CancellationScope::CancellationScope(std::function<bool()> poll) : m_poll(std::move(poll)), m_previous(t_state.poll) {
  t_state.poll = m_poll ? &m_poll : nullptr;
}

CancellationScope::~CancellationScope() { t_state.poll = m_previous; }

CancellationPause::CancellationPause() { ++t_state.paused; }
CancellationPause::~CancellationPause() { --t_state.paused; }

bool cancellationRequested() { return t_state.poll && t_state.paused == 0 && (*t_state.poll)(); }

void cancellationPoint() {
  if (cancellationRequested()) throw Error(ErrorKind::Cancelled, QT_TRANSLATE_NOOP("sdxl", "generation cancelled"), {});
}

} // namespace sdxl::runtime
