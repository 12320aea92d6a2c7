#include "sdxl/grid_cell_run.h"
#include "sdxl/telemetry.h"

#include <chrono>

namespace sdxl {

GridCellRecord runGridCell(Pipeline& pipeline, const GridCell& cell, GenerationResult& result,
                           GenerationObserver* observer) {
  auto record = gridCellRecord(cell);
  synchronizeDevice();
  resetPeakMemory();
  const auto start = std::chrono::steady_clock::now();
  result = pipeline.generate(cell.request, observer);
  synchronizeDevice();
  record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto memory = sampleMemory();
  constexpr double kGB = 1024.0 * 1024.0 * 1024.0;
  record.allocatedGB = double(memory.peakAllocated) / kGB;
  record.reservedGB = double(memory.peakReserved) / kGB;
  record.deviceGB = double(memory.deviceUsed) / kGB;
  record.made = true;
  return record;
}

} // namespace sdxl
