// What a long command shows on stderr while it works (stage, step, it/s, ETA, memory notes), and
// Ctrl+C turned into a cancellation the pipeline sees within one step.
#pragma once

#include "sdxl/pipeline.h"

namespace sdxl::cli {

void stopOnInterrupt(); // from now on SIGINT cancels, as cancelRequested() reports
bool interrupted();

class ProgressLine final : public GenerationObserver {
public:
  void onStage(Stage stage) override;
  void onStep(const StepEvent& e) override;
  void onMemory(const MemoryEvent& e) override;
  bool cancelRequested() override { return interrupted(); }
};

} // namespace sdxl::cli
