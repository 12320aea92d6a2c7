// Cancelling a request at any moment, not only between denoising steps: the thread that runs a
// request installs its poll for the duration (CancellationScope), and the long-running parts of
// the core (every tensor a loader copies, every layer of every network) reach a
// cancellationPoint(), which throws Error(Cancelled) once the poll says so. Without a scope it
// costs one thread-local read.
#pragma once

#include <functional>

namespace sdxl::runtime {

class CancellationScope {
public:
  explicit CancellationScope(std::function<bool()> poll);
  ~CancellationScope();
  CancellationScope(const CancellationScope&) = delete;
  CancellationScope& operator=(const CancellationScope&) = delete;

private:
  std::function<bool()> m_poll;
  const std::function<bool()>* m_previous;
};

// No cancellation while it lives: a throw inside CUDA graph capture would leave the stream
// capturing, and every later CUDA call would fail.
class CancellationPause {
public:
  CancellationPause();
  ~CancellationPause();
  CancellationPause(const CancellationPause&) = delete;
  CancellationPause& operator=(const CancellationPause&) = delete;
};

void cancellationPoint();
bool cancellationRequested(); // the same question, without throwing

} // namespace sdxl::runtime
