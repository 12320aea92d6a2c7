#include "device_note.h"

#include "sdxl/cuda_status.h"

#include <iostream>

namespace sdxl::cli {

void noteWhyCpu(const std::string& deviceArgument) {
  if (!deviceArgument.empty()) return; // asked for: the pipeline says what is wrong with it
  const auto& status = cudaStatus();
  // The CPU-only build was chosen by whoever installed it: nothing to explain on every run.
  if (status.kind == CudaStatus::Kind::Usable || status.kind == CudaStatus::Kind::CpuBuild) return;
  std::cerr << "note: " << cudaStatusSentence(status) << "\n";
}

} // namespace sdxl::cli
