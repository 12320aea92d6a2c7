// Core values that cross the worker-thread boundary in queued signals. Included by every header
// whose signals carry them, so the declarations precede any use.
#pragma once

#include "sdxl/benchmark.h"
#include "sdxl/request.h"
#include "sdxl/xyz_grid.h"

#include <vector>

#include <QMetaType>

Q_DECLARE_METATYPE(sdxl::GenerationRequest)
Q_DECLARE_METATYPE(sdxl::BenchmarkProtocol)
Q_DECLARE_METATYPE(sdxl::BenchmarkReport)
Q_DECLARE_METATYPE(sdxl::BenchmarkRow)
Q_DECLARE_METATYPE(std::vector<sdxl::GridCell>)
