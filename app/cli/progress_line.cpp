#include "progress_line.h"

#include <atomic>
#include <csignal>
#include <cstdio>

namespace sdxl::cli {

namespace {
std::atomic<bool> g_interrupted{false};
extern "C" void onInterrupt(int) { g_interrupted = true; }
} // namespace

void stopOnInterrupt() { std::signal(SIGINT, onInterrupt); }
bool interrupted() { return g_interrupted.load(); }

void ProgressLine::onStage(Stage stage) {
  static const char* names[] = {"loading", "encoding", "denoising", "decoding", "done"};
  if (stage == Stage::Done) {
    std::fprintf(stderr, "\n");
    return;
  }
  if (stage != Stage::Denoising) std::fprintf(stderr, "\r%-60s", names[static_cast<int>(stage)]);
}

void ProgressLine::onStep(const StepEvent& e) {
  const double rate = e.elapsedSeconds > 0 ? e.step / e.elapsedSeconds : 0;
  const double eta = rate > 0 ? (e.steps - e.step) / rate : 0;
  std::fprintf(stderr, "\rstep %d/%d  %.2f it/s  ETA %.1f s          ", e.step, e.steps, rate, eta);
}

void ProgressLine::onMemory(const MemoryEvent& e) { std::fprintf(stderr, "\rmemory: %s\n", e.text.c_str()); }

} // namespace sdxl::cli
