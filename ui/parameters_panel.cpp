#include "parameters_panel.h"

#include "seed_spin_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>

namespace sdxl::ui {

ParametersPanel::ParametersPanel(QWidget* parent) : QWidget(parent) {
  auto* form = new QFormLayout(this);
  m_sizePreset = new QComboBox;
  m_sizePreset->setObjectName(QStringLiteral("sizePreset"));
  for (const auto& s : kSizePresets)
    m_sizePreset->addItem(QStringLiteral("%1 × %2").arg(s.width).arg(s.height), QSize(s.width, s.height));
  m_sizePreset->addItem(tr("Custom"), QSize());
  m_width = new QSpinBox;
  m_height = new QSpinBox;
  for (auto* spin : {m_width, m_height}) {
    spin->setRange(32, 4096);
    spin->setSingleStep(8);
    spin->setValue(1024);
  }
  m_width->setObjectName(QStringLiteral("width"));
  m_height->setObjectName(QStringLiteral("height"));
  auto* size = new QHBoxLayout;
  size->addWidget(m_width);
  size->addWidget(m_height);
  connect(m_sizePreset, &QComboBox::currentIndexChanged, this, [this](int i) {
    const auto s = m_sizePreset->itemData(i).toSize();
    if (s.isValid()) {
      m_width->setValue(s.width());
      m_height->setValue(s.height());
    }
  });
  auto toCustom = [this] {
    const QSize now(m_width->value(), m_height->value());
    const int match = m_sizePreset->findData(now);
    m_sizePreset->blockSignals(true);
    m_sizePreset->setCurrentIndex(match >= 0 ? match : m_sizePreset->count() - 1);
    m_sizePreset->blockSignals(false);
  };
  connect(m_width, &QSpinBox::valueChanged, this, toCustom);
  connect(m_height, &QSpinBox::valueChanged, this, toCustom);
  for (auto* spin : {m_width, m_height}) // round to a multiple of 8 when editing ends
    connect(spin, &QSpinBox::editingFinished, spin, [spin] { spin->setValue((spin->value() + 4) / 8 * 8); });

  m_steps = new QSpinBox;
  m_steps->setObjectName(QStringLiteral("steps"));
  m_steps->setRange(1, 200);
  m_steps->setValue(30);
  m_guidance = new QDoubleSpinBox;
  m_guidance->setObjectName(QStringLiteral("guidance"));
  m_guidance->setRange(0, 30);
  m_guidance->setSingleStep(0.5);
  m_guidance->setValue(5.0);
  m_guidance->setToolTip(tr("Classifier-free guidance: how strongly the image follows the prompt. 1 turns it off "
                            "(half the UNet work)."));
  m_seed = new SeedSpinBox;
  m_seed->setObjectName(QStringLiteral("seed"));
  m_seed->setToolTip(tr("Any whole number from 0 to 18446744073709551615: the same seed and settings give the same image"));
  auto* dice = new QPushButton(tr("Random"));
  dice->setObjectName(QStringLiteral("randomSeed"));
  connect(dice, &QPushButton::clicked, this, &ParametersPanel::randomizeSeed);
  m_lockSeed = new QCheckBox(tr("Lock"));
  m_lockSeed->setObjectName(QStringLiteral("lockSeed"));
  m_lockSeed->setToolTip(tr("Keep this seed for the next run instead of drawing a new one"));
  auto* seed = new QHBoxLayout;
  seed->addWidget(m_seed, 1);
  seed->addWidget(dice);
  seed->addWidget(m_lockSeed);
  m_images = new QSpinBox;
  m_images->setObjectName(QStringLiteral("images"));
  m_images->setRange(1, 16);
  m_scheduler = new QComboBox;
  m_scheduler->setObjectName(QStringLiteral("scheduler"));
  for (const auto& s : kSchedulerNames) m_scheduler->addItem(QString::fromLatin1(s.label), static_cast<int>(s.kind));
  m_seedMode = new QComboBox;
  m_seedMode->setObjectName(QStringLiteral("seedMode"));
  m_seedMode->addItem(tr("Per image: seed, seed + 1, …"), static_cast<int>(SeedMode::PerImage));
  m_seedMode->addItem(tr("One draw for the batch (diffusers)"), static_cast<int>(SeedMode::Batch));
  m_seedMode->setToolTip(tr("<p>Per image (as A1111): image k of a batch uses seed + k, so any image can be made "
                            "again alone. One draw: the whole batch comes from the seed at once, as diffusers draws "
                            "it with one generator; image k then differs from the image of seed + k.</p>"));
  m_clipSkip = new QSpinBox;
  m_clipSkip->setObjectName(QStringLiteral("clipSkip"));
  m_clipSkip->setRange(1, 12);
  m_clipSkip->setToolTip(tr("<p>A1111's clip skip. 1 is SDXL's own choice (both encoders' penultimate layer); 2 takes "
                            "one layer earlier, and so on. Some fine-tuned models ask for 2.</p>"));
  m_emphasis = new QComboBox;
  m_emphasis->setObjectName(QStringLiteral("emphasis"));
  m_emphasis->addItem(tr("A1111: scale, then restore the mean"), static_cast<int>(Emphasis::A1111));
  m_emphasis->addItem(tr("Scale only (no mean restore)"), static_cast<int>(Emphasis::NoNorm));
  m_emphasis->addItem(tr("ComfyUI: away from the empty prompt"), static_cast<int>(Emphasis::Comfy));
  m_emphasis->setToolTip(tr("<p>How weights such as (word:1.3) act on the text encoders' output. A1111 scales each "
                            "token, then restores the chunk's mean; scale only skips the restore; ComfyUI moves each "
                            "token away from the empty prompt's output by the weight. The same prompt gives other "
                            "images in each.</p>"));

  // A1111's hires fix: a second pass at the enlarged size.
  m_hires = new QCheckBox(tr("Hires fix"));
  m_hires->setObjectName(QStringLiteral("hiresFix"));
  m_hires->setToolTip(tr("<p>Draw at the size above, enlarge the result by the scale, then redo part of it at the "
                         "larger size (A1111's hires fix): more detail than drawing large at once, which SDXL was not "
                         "trained for.</p>"));
  m_hiresScale = new QDoubleSpinBox;
  m_hiresScale->setObjectName(QStringLiteral("hiresScale"));
  m_hiresScale->setRange(1.0, 4.0);
  m_hiresScale->setSingleStep(0.25);
  m_hiresScale->setValue(2.0);
  m_hiresScale->setPrefix(QStringLiteral("× "));
  m_hiresStrength = new QDoubleSpinBox;
  m_hiresStrength->setObjectName(QStringLiteral("hiresStrength"));
  m_hiresStrength->setRange(0.01, 1.0);
  m_hiresStrength->setSingleStep(0.05);
  m_hiresStrength->setValue(0.55);
  m_hiresStrength->setToolTip(tr("How much of the enlarged image the second pass redoes"));
  m_hiresSteps = new QSpinBox;
  m_hiresSteps->setObjectName(QStringLiteral("hiresSteps"));
  m_hiresSteps->setRange(0, 200);
  m_hiresSteps->setSpecialValueText(tr("same steps"));
  m_hiresSteps->setToolTip(tr("The second pass's steps; of these it runs the strength's share"));
  m_hiresUpscaler = new QComboBox;
  m_hiresUpscaler->setObjectName(QStringLiteral("hiresUpscaler"));
  for (const auto& u : kHiresUpscalerNames) m_hiresUpscaler->addItem(QString::fromLatin1(u.label), static_cast<int>(u.upscaler));
  m_hiresUpscaler->setToolTip(tr("Latent: the latents enlarged (fast). Lanczos: the decoded image enlarged and encoded "
                                 "again."));
  auto* hiresRow = new QHBoxLayout;
  const QList<QWidget*> hiresSettings{m_hiresScale, m_hiresStrength, m_hiresSteps, m_hiresUpscaler};
  for (auto* w : hiresSettings) hiresRow->addWidget(w);
  auto enableHires = [hiresSettings](bool on) {
    for (auto* w : hiresSettings) w->setEnabled(on);
  };
  connect(m_hires, &QCheckBox::toggled, this, enableHires);
  enableHires(false);

  // SDXL's refiner: the chosen model stops at the switch point and the refiner runs the rest.
  m_refiner = new QCheckBox(tr("Refiner"));
  m_refiner->setObjectName(QStringLiteral("refiner"));
  m_refiner->setToolTip(tr("<p>Hand the last part of the steps to an SDXL refiner (diffusers' ensemble of expert "
                           "denoisers, A1111's refiner). Refiners are found in the models folder.</p>"));
  m_refinerModel = new QComboBox;
  m_refinerModel->setObjectName(QStringLiteral("refinerModel"));
  m_refinerStart = new QDoubleSpinBox;
  m_refinerStart->setObjectName(QStringLiteral("refinerStart"));
  m_refinerStart->setRange(0.05, 0.95);
  m_refinerStart->setSingleStep(0.05);
  m_refinerStart->setValue(0.8);
  m_refinerStart->setToolTip(tr("Switch at: the share of the steps the model runs before the refiner takes over"));
  auto* refinerRow = new QHBoxLayout;
  refinerRow->addWidget(m_refinerModel, 1);
  refinerRow->addWidget(m_refinerStart);
  auto enableRefiner = [this](bool on) {
    m_refinerModel->setEnabled(on);
    m_refinerStart->setEnabled(on);
  };
  connect(m_refiner, &QCheckBox::toggled, this, enableRefiner);
  enableRefiner(false);
  setRefiners({});

  form->addRow(tr("Si&ze"), m_sizePreset);
  auto* seedLabel = new QLabel(tr("S&eed")); // a row holding a layout gets no buddy by itself
  seedLabel->setBuddy(m_seed);
  form->addRow(QString(), size);
  form->addRow(tr("S&teps"), m_steps);
  form->addRow(tr("&Guidance"), m_guidance);
  form->addRow(seedLabel, seed);
  form->addRow(tr("&Images"), m_images);
  form->addRow(tr("Sc&heduler"), m_scheduler);
  form->addRow(tr("Seeds"), m_seedMode);
  form->addRow(tr("Clip skip"), m_clipSkip);
  form->addRow(tr("Weights"), m_emphasis);
  form->addRow(m_hires, hiresRow);
  form->addRow(m_refiner, refinerRow);
}

void ParametersPanel::setRefiners(const std::vector<LibraryEntry>& library) {
  const auto current = m_refinerModel->currentData().toString();
  m_refinerModel->clear();
  for (const auto& e : library)
    if (e.kind == LibraryEntry::Kind::Model && e.refiner && e.usable())
      m_refinerModel->addItem(QString::fromStdString(e.name), QString::fromStdString(e.path.string()));
  if (m_refinerModel->count() == 0)
    m_refinerModel->addItem(tr("no refiner in the models folder"), QString());
  const int keep = m_refinerModel->findData(current);
  if (keep >= 0) m_refinerModel->setCurrentIndex(keep);
  m_refiner->setEnabled(!m_refinerModel->itemData(0).toString().isEmpty() || m_refiner->isChecked());
}

void ParametersPanel::fill(GenerationRequest& r) const {
  r.width = m_width->value() / 8 * 8;
  r.height = m_height->value() / 8 * 8;
  r.steps = m_steps->value();
  r.guidance = m_guidance->value();
  r.seed = m_seed->value();
  r.images = m_images->value();
  r.scheduler = static_cast<SchedulerKind>(m_scheduler->currentData().toInt());
  r.seedMode = static_cast<SeedMode>(m_seedMode->currentData().toInt());
  r.clipSkip = m_clipSkip->value();
  r.emphasis = static_cast<Emphasis>(m_emphasis->currentData().toInt());
  r.hires.reset();
  if (m_hires->isChecked()) {
    HiresFix h;
    h.scale = m_hiresScale->value();
    h.strength = m_hiresStrength->value();
    h.steps = m_hiresSteps->value();
    h.upscaler = static_cast<HiresUpscaler>(m_hiresUpscaler->currentData().toInt());
    r.hires = h;
  }
  r.refiner.reset();
  const auto refinerPath = m_refinerModel->currentData().toString();
  if (m_refiner->isChecked() && !refinerPath.isEmpty())
    r.refiner = RefinerChoice{refinerPath.toStdString(), m_refinerStart->value()};
}

void ParametersPanel::setSize(int width, int height) {
  m_width->setValue(width);
  m_height->setValue(height);
}

void ParametersPanel::apply(const GenerationRequest& r, bool lockSeed) {
  m_width->setValue(r.width);
  m_height->setValue(r.height);
  m_steps->setValue(r.steps);
  m_guidance->setValue(r.guidance);
  m_seed->setValue(r.seed);
  m_images->setValue(r.images);
  m_scheduler->setCurrentIndex(m_scheduler->findData(static_cast<int>(r.scheduler)));
  m_seedMode->setCurrentIndex(m_seedMode->findData(static_cast<int>(r.seedMode)));
  m_clipSkip->setValue(r.clipSkip);
  m_emphasis->setCurrentIndex(m_emphasis->findData(static_cast<int>(r.emphasis)));
  m_hires->setChecked(r.hires.has_value());
  if (r.hires) {
    m_hiresScale->setValue(r.hires->scale);
    m_hiresStrength->setValue(r.hires->strength);
    m_hiresSteps->setValue(r.hires->steps);
    m_hiresUpscaler->setCurrentIndex(m_hiresUpscaler->findData(static_cast<int>(r.hires->upscaler)));
  }
  m_refiner->setChecked(r.refiner.has_value());
  if (r.refiner) {
    const auto path = QString::fromStdString(r.refiner->model);
    if (m_refinerModel->findData(path) < 0) // not in the models folder: offered as it was
      m_refinerModel->addItem(QFileInfo(path).fileName(), path);
    m_refinerModel->setCurrentIndex(m_refinerModel->findData(path));
    m_refinerStart->setValue(r.refiner->start);
    m_refiner->setEnabled(true);
  }
  if (lockSeed) m_lockSeed->setChecked(true);
}

bool ParametersPanel::seedLocked() const { return m_lockSeed->isChecked(); }
void ParametersPanel::setSeedLocked(bool locked) { m_lockSeed->setChecked(locked); }

void ParametersPanel::nextSeed() {
  if (!m_lockSeed->isChecked()) randomizeSeed();
}

// 32 bits, as A1111 draws them: short enough to read aloud; any 64-bit seed can still be typed.
void ParametersPanel::randomizeSeed() { m_seed->setValue(QRandomGenerator::global()->generate()); }

} // namespace sdxl::ui
