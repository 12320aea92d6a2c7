#include "optimizations_panel.h"

#include "sdxl/cuda_status.h"
#include "sdxl/telemetry.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>

namespace sdxl::ui {

OptimizationsPanel::OptimizationsPanel(QWidget* parent) : QWidget(parent) {
  auto* form = new QFormLayout(this);
  m_preset = new QComboBox;
  m_preset->setObjectName(QStringLiteral("optimizationPreset"));
  m_preset->addItem(tr("Choose a preset…"));
  m_preset->addItem(tr("Fastest"), static_cast<int>(Preset::Fastest));
  m_preset->addItem(tr("Least VRAM"), static_cast<int>(Preset::LeastVram));
  m_preset->addItem(tr("Balanced"), static_cast<int>(Preset::Balanced));
  m_preset->addItem(tr("As diffusers"), static_cast<int>(Preset::AsDiffusers));
  connect(m_preset, &QComboBox::activated, this, [this](int i) {
    if (i > 0) setOptions(preset(static_cast<Preset>(m_preset->itemData(i).toInt())));
  });

  m_precision = new QComboBox;
  m_precision->setObjectName(QStringLiteral("precision"));
  m_precision->addItem(QStringLiteral("fp16"), static_cast<int>(Precision::FP16));
  m_precision->addItem(QStringLiteral("bf16"), static_cast<int>(Precision::BF16));
  m_precision->addItem(QStringLiteral("fp32"), static_cast<int>(Precision::FP32));
  m_precision->setToolTip(tr("fp16/bf16 halve the weights' memory and use tensor cores (about 9x faster than fp32 "
                             "on an H100). SDXL's VAE overflows in fp16, so under fp16 it decodes in bf16 on the GPU (see "
                             "Decode in fp32) and in fp32 on the CPU."));
  m_attention = new QComboBox;
  m_attention->setObjectName(QStringLiteral("attention"));
  m_attention->addItem(tr("SDPA (flash / memory-efficient)"), static_cast<int>(Attention::Sdpa));
  m_attention->addItem(tr("Default (materialised softmax)"), static_cast<int>(Attention::Default));
  m_attention->setToolTip(tr("SDPA never builds the tokens × tokens score matrix: faster and leaner. The default path "
                             "is there to show what SDPA buys."));
  m_compile = new QCheckBox(tr("Compile (CUDA graph)"));
  m_compile->setObjectName(QStringLiteral("compile"));
  m_compile->setToolTip(tr("Captures the UNet step once as a CUDA graph and replays it (no launch overhead), with its "
                           "convolutions and matrix products autotuned for the request's shapes. Costs a few seconds "
                           "before the first step; helps most at small batches. Needs a GPU."));
  m_offload = new QComboBox;
  m_offload->setObjectName(QStringLiteral("offload"));
  m_offload->addItem(tr("None (all on the GPU)"), static_cast<int>(Offload::None));
  m_offload->addItem(tr("Model CPU offload"), static_cast<int>(Offload::Model));
  m_offload->addItem(tr("Sequential CPU offload"), static_cast<int>(Offload::Sequential));
  m_offload->setToolTip(tr("Model offload keeps each component in host memory until it runs. Sequential offload streams "
                           "each layer's weights just before use, prefetched on a side stream: the least weight memory "
                           "for a small slowdown. Needs a GPU."));
  m_slicing = new QCheckBox(tr("VAE slicing"));
  m_slicing->setObjectName(QStringLiteral("vaeSlicing"));
  m_slicing->setToolTip(tr("Decodes the images one at a time: decoding memory stops growing with the number of "
                           "images, for a little time."));
  m_tiling = new QCheckBox(tr("VAE tiling"));
  m_tiling->setObjectName(QStringLiteral("vaeTiling"));
  m_tiling->setToolTip(tr("Decodes overlapping tiles with blended seams, for sizes whose decode would not fit."));
  m_cache = new QCheckBox(tr("Cache prompt embeddings"));
  m_cache->setObjectName(QStringLiteral("cacheEmbeddings"));
  m_cache->setToolTip(tr("Reuses the text encoders' output for a prompt seen before: no repeated encoding."));
  m_free = new QCheckBox(tr("Free the text encoders"));
  m_free->setObjectName(QStringLiteral("freeEncoders"));
  m_free->setToolTip(tr("With the cache: drops both text encoders (1.6 GB in fp16) once the embeddings exist; they "
                        "come back for a new prompt."));
  connect(m_cache, &QCheckBox::toggled, m_free, [this](bool on) {
    m_free->setEnabled(on);
    if (!on) m_free->setChecked(false);
  });
  m_free->setEnabled(false);
  m_tiny = new QCheckBox(tr("Tiny AutoEncoder (TAESDXL)"));
  m_tiny->setObjectName(QStringLiteral("tinyVae"));
  m_tiny->setToolTip(tr("A 10 MB decoder in place of the VAE: much less memory and time, somewhat less detail. "
                        "Looks for MODEL/vae_tiny (diffusers format)."));
  m_fp32Vae = new QCheckBox(tr("Decode in fp32"));
  m_fp32Vae->setObjectName(QStringLiteral("fp32Vae"));
  m_fp32Vae->setToolTip(tr("SDXL's VAE overflows in fp16, so fp16 runs decode in bf16 (same range as fp32, half the "
                           "memory). This decodes in fp32 instead, as diffusers does: exact, twice the decoding memory."));

  // Approximate: each changes the image a little for speed, and says so here and in the metadata.
  m_fp8 = new QCheckBox(tr("FP8 products"));
  m_fp8->setObjectName(QStringLiteral("fp8"));
  m_fp8->setToolTip(tr("<p><b>Approximate, and not faster yet.</b> The UNet's linear layers multiply in 8-bit "
                       "floating point (E4M3) on tensor cores that have it. Each product keeps about 3 bits of "
                       "mantissa, so the image changes a little. Measured slower than fp16 on an H100 (1.39 s "
                       "against 0.93 s for one 1024×1024 image): quantizing the activations costs more than the "
                       "faster products save. Needs an Ada or Hopper GPU; not with CPU offload. Details: "
                       "docs/benchmarks.md.</p>"));
  m_stepCache = new QSpinBox;
  m_stepCache->setObjectName(QStringLiteral("stepCache"));
  m_stepCache->setRange(1, 10);
  m_stepCache->setSpecialValueText(tr("Off"));
  m_stepCache->setPrefix(tr("every "));
  m_stepCache->setSuffix(tr(" steps"));
  m_stepCache->setToolTip(tr("<p><b>Approximate</b> (DeepCache). Every N-th step runs the whole UNet; the steps between "
                             "reuse its deep features and compute only the outermost blocks, several times faster. "
                             "Larger N: faster, further from the exact image. Not with sequential offload.</p>"));
  m_guidanceCutoff = new QComboBox;
  m_guidanceCutoff->setObjectName(QStringLiteral("guidanceCutoff"));
  m_guidanceCutoff->addItem(tr("Off: guided throughout"), 1.0);
  for (double f : {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3})
    m_guidanceCutoff->addItem(tr("after %1% of the steps").arg(QLocale().toString(f * 100, 'f', 0)), f);
  m_guidanceCutoff->setToolTip(tr("<p><b>Approximate</b> (diffusers' CFG cut-off). After this share of the steps the "
                                  "negative prompt's pass is skipped, halving those steps' cost: late steps refine "
                                  "detail, where guidance matters least.</p>"));
  auto* approximate = new QGroupBox(tr("Approximate: faster, changes the image"));
  approximate->setObjectName(QStringLiteral("approximateSwitches"));
  auto* approximateForm = new QFormLayout(approximate);
  approximateForm->addRow(QString(), m_fp8);
  approximateForm->addRow(tr("Step cache"), m_stepCache);
  approximateForm->addRow(tr("Guidance cut-off"), m_guidanceCutoff);
  if (cudaStatus().computeCapability < 89) {
    m_fp8->setEnabled(false);
    m_fp8->setToolTip(m_fp8->toolTip() + QStringLiteral("<p><b>") +
                      tr("Not available here: FP8 products need an Ada or Hopper GPU.") + QStringLiteral("</b></p>"));
  }

  m_budget = new QComboBox;
  m_budget->setObjectName(QStringLiteral("vramBudget"));
  m_budget->addItem(tr("Off: the switches below"), QStringLiteral("off"));
  m_budget->addItem(tr("Auto: what the device has free"), QStringLiteral("auto"));
  for (const char* gib : {"1.5", "2", "3", "4", "6", "8", "10", "12", "16", "24"})
    m_budget->addItem(tr("%1 GiB").arg(QString::fromLatin1(gib)), QString::fromLatin1(gib));
  m_budget->setToolTip(tr("<p>How much GPU memory a run may use. The planner picks the fastest offload, VAE slicing and "
                          "tiling, and text encoder settings that fit, and holds the run to it. Whatever still runs out "
                          "continues with cheaper settings instead of failing; the telemetry shows the plan and every "
                          "fallback, and the image's metadata records them. Measured on an H200: the seed protocol "
                          "runs in 8 GiB as fast as without a limit, and in 2 GiB at 1.2 times the time.</p>"));
  form->addRow(tr("VRAM &budget"), m_budget);
  // Presets and reused parameters may ask for them; a CPU runs them without (setOptions, options).
  if (!m_cuda) {
    const auto why = tr("Not available here: no CUDA GPU was found.");
    for (QWidget* gpuOnly : {static_cast<QWidget*>(m_compile), static_cast<QWidget*>(m_offload)}) {
      gpuOnly->setEnabled(false);
      gpuOnly->setToolTip(gpuOnly->toolTip() + QStringLiteral("<p><b>") + why + QStringLiteral("</b></p>"));
    }
  }
  form->addRow(tr("Pr&eset"), m_preset);
  form->addRow(tr("Precision"), m_precision);
  form->addRow(tr("Attention"), m_attention);
  form->addRow(QString(), m_compile);
  form->addRow(tr("Offload"), m_offload);
  form->addRow(QString(), m_slicing);
  form->addRow(QString(), m_tiling);
  form->addRow(QString(), m_cache);
  form->addRow(QString(), m_free);
  form->addRow(QString(), m_tiny);
  form->addRow(QString(), m_fp32Vae);
  form->addRow(approximate);
}

OptimizationOptions OptimizationsPanel::options() const {
  OptimizationOptions o;
  o.precision = static_cast<Precision>(m_precision->currentData().toInt());
  o.attention = static_cast<Attention>(m_attention->currentData().toInt());
  o.compile = m_cuda && m_compile->isChecked();
  o.offload = m_cuda ? static_cast<Offload>(m_offload->currentData().toInt()) : Offload::None;
  o.vaeSlicing = m_slicing->isChecked();
  o.vaeTiling = m_tiling->isChecked();
  o.cachePromptEmbeddings = m_cache->isChecked();
  o.freeTextEncoders = m_free->isChecked();
  o.tinyAutoencoder = m_tiny->isChecked();
  o.fp32Vae = m_fp32Vae->isChecked();
  o.fp8 = m_fp8->isEnabled() && m_fp8->isChecked();
  o.stepCache = m_stepCache->value() >= 2 ? m_stepCache->value() : 0;
  o.guidanceCutoff = m_guidanceCutoff->currentData().toDouble();
  return o;
}

void OptimizationsPanel::setOptions(const OptimizationOptions& o) {
  m_precision->setCurrentIndex(m_precision->findData(static_cast<int>(o.precision)));
  m_attention->setCurrentIndex(m_attention->findData(static_cast<int>(o.attention)));
  m_compile->setChecked(m_cuda && o.compile);
  m_offload->setCurrentIndex(m_offload->findData(static_cast<int>(m_cuda ? o.offload : Offload::None)));
  m_slicing->setChecked(o.vaeSlicing);
  m_tiling->setChecked(o.vaeTiling);
  m_cache->setChecked(o.cachePromptEmbeddings);
  m_free->setChecked(o.freeTextEncoders);
  m_tiny->setChecked(o.tinyAutoencoder);
  m_fp32Vae->setChecked(o.fp32Vae);
  m_fp8->setChecked(m_fp8->isEnabled() && o.fp8);
  m_stepCache->setValue(o.stepCache >= 2 ? o.stepCache : 1);
  if (m_guidanceCutoff->findData(o.guidanceCutoff) < 0)
    m_guidanceCutoff->addItem(tr("after %1% of the steps").arg(QLocale().toString(o.guidanceCutoff * 100, 'g', 3)),
                              o.guidanceCutoff);
  m_guidanceCutoff->setCurrentIndex(m_guidanceCutoff->findData(o.guidanceCutoff));
}

MemoryBudget OptimizationsPanel::budget() const {
  return memoryBudgetFromText(m_budget->currentData().toString().toStdString()).value_or(MemoryBudget{});
}

void OptimizationsPanel::setBudget(const MemoryBudget& budget) {
  const auto text = QString::fromStdString(memoryBudgetText(budget));
  if (m_budget->findData(text) < 0) m_budget->addItem(tr("%1 GiB").arg(text), text);
  m_budget->setCurrentIndex(m_budget->findData(text));
}

OptimizationOptions OptimizationsPanel::preset(Preset p) {
  OptimizationOptions o; // fp16 + SDPA
  switch (p) {
  case Preset::Fastest: // measured: docs/benchmarks.md
    o.compile = true;
    o.vaeSlicing = true;
    o.cachePromptEmbeddings = true;
    break;
  case Preset::LeastVram:
    o.offload = Offload::Sequential;
    o.vaeSlicing = true;
    o.cachePromptEmbeddings = true;
    o.freeTextEncoders = true;
    break;
  case Preset::Balanced:
    o.vaeSlicing = true;
    o.cachePromptEmbeddings = true;
    break;
  case Preset::AsDiffusers: // diffusers' defaults: fp16 + SDPA, the VAE upcast to fp32
    o.fp32Vae = true;
    break;
  }
  return o;
}

} // namespace sdxl::ui
