// Size (SDXL's buckets as presets, or custom multiples of 8), steps, guidance, seed (random with
// one click, or locked), number of images, scheduler, how seeds spread over a batch, clip skip,
// how prompt weights act, A1111's hires fix, and the refiner that finishes the steps.
#pragma once

#include "sdxl/model_library.h"
#include "sdxl/request.h"

#include <QWidget>

class QComboBox;
class QSpinBox;
class QDoubleSpinBox;
class QCheckBox;

namespace sdxl::ui {

class SeedSpinBox;

class ParametersPanel final : public QWidget {
  Q_OBJECT
public:
  explicit ParametersPanel(QWidget* parent = nullptr);
  void fill(GenerationRequest& request) const; // everything but prompts and optimizations
  // "Reuse these parameters" locks the seed (reusing means reproducing the image); the last
  // session's settings come back with the lock as it was left (seedLocked()).
  void apply(const GenerationRequest& request, bool lockSeed = true);
  bool seedLocked() const;
  void setSeedLocked(bool locked);
  void nextSeed();                              // after a run, unless the seed is locked
  void randomizeSeed();
  void setSize(int width, int height); // a custom size
  void setRefiners(const std::vector<LibraryEntry>& library); // the refiners the models folder holds

private:
  QComboBox* m_sizePreset = nullptr;
  QSpinBox *m_width = nullptr, *m_height = nullptr, *m_steps = nullptr, *m_images = nullptr;
  QDoubleSpinBox* m_guidance = nullptr;
  SeedSpinBox* m_seed = nullptr;
  QCheckBox* m_lockSeed = nullptr;
  QComboBox* m_scheduler = nullptr;
  QComboBox* m_seedMode = nullptr;
  QSpinBox* m_clipSkip = nullptr;
  QComboBox* m_emphasis = nullptr;
  QCheckBox* m_hires = nullptr;
  QDoubleSpinBox *m_hiresScale = nullptr, *m_hiresStrength = nullptr;
  QSpinBox* m_hiresSteps = nullptr;
  QComboBox* m_hiresUpscaler = nullptr;
  QCheckBox* m_refiner = nullptr;
  QComboBox* m_refinerModel = nullptr;
  QDoubleSpinBox* m_refinerStart = nullptr;
};

} // namespace sdxl::ui
