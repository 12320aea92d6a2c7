#include "time_left.h"

#include <algorithm>

namespace sdxl::ui {

double secondsLeft(const QVector<double>& stepSeconds, int steps) {
  const auto done = static_cast<int>(stepSeconds.size());
  if (done == 0 || done >= steps) return 0;
  // The median of the last five, leaving out the first step once there are others.
  const int from = std::max(done > 1 ? 1 : 0, done - 5);
  QVector<double> recent(stepSeconds.begin() + from, stepSeconds.end());
  std::sort(recent.begin(), recent.end());
  return recent[recent.size() / 2] * (steps - done);
}

} // namespace sdxl::ui
