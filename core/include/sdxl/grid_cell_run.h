// One X/Y/Z grid cell made and measured, the same way in the studio and in `sdxl-cli grid`: the
// device synchronised around the generation, the memory peaks reset before it and read after.
#pragma once

#include "sdxl/grid_report.h"
#include "sdxl/pipeline.h"

namespace sdxl {

// The cell's record (made, seconds, peaks; no image name) and its result. Errors propagate: the
// caller records them in the cell and goes on, or stops on Error(Cancelled).
GridCellRecord runGridCell(Pipeline& pipeline, const GridCell& cell, GenerationResult& result,
                           GenerationObserver* observer = nullptr);

} // namespace sdxl
