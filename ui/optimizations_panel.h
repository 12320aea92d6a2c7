// Every switch of OptimizationOptions, each with a tooltip saying what it trades, and presets
// that set them together.
#pragma once

#include "sdxl/request.h"
#include "sdxl/telemetry.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace sdxl::ui {

class OptimizationsPanel final : public QWidget {
  Q_OBJECT
public:
  explicit OptimizationsPanel(QWidget* parent = nullptr);
  OptimizationOptions options() const;
  void setOptions(const OptimizationOptions& options);
  // The VRAM budget: off, auto, or GiB (the planner then chooses the memory switches).
  MemoryBudget budget() const;
  void setBudget(const MemoryBudget& budget);
  enum class Preset { Fastest, LeastVram, Balanced, AsDiffusers };
  static OptimizationOptions preset(Preset preset);

private:
  bool m_cuda = sdxl::sampleMemory().cuda; // compile and offload need a CUDA device
  QComboBox *m_preset = nullptr, *m_precision = nullptr, *m_attention = nullptr, *m_offload = nullptr, *m_budget = nullptr;
  QCheckBox *m_compile = nullptr, *m_slicing = nullptr, *m_tiling = nullptr, *m_cache = nullptr, *m_free = nullptr,
            *m_tiny = nullptr, *m_fp32Vae = nullptr, *m_fp8 = nullptr;
  // The approximate switches (sdxl/switches.h): they change the image for speed.
  QSpinBox* m_stepCache = nullptr;      // 1: off
  QComboBox* m_guidanceCutoff = nullptr; // data 1.0: off
};

} // namespace sdxl::ui
