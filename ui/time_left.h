// The progress bar's "s left": from the last steps' pace rather than the run's mean, since the
// first step of a run is often faster or slower than the rest (warm caches, graph capture).
#pragma once

#include <QVector>

namespace sdxl::ui {

// `stepSeconds`: each finished step's duration, in order; `steps`: how many the run has.
double secondsLeft(const QVector<double>& stepSeconds, int steps);

} // namespace sdxl::ui
