#include "switch_labels.h"

#include <QCoreApplication>
#include <QLocale>

namespace sdxl::ui {

namespace {
// Every label of sdxl/switches.h, for lupdate: the table's English is the source text.
[[maybe_unused]] const char* const kLabels[] = {
    QT_TRANSLATE_NOOP("Switches", "compile (CUDA graphs)"), QT_TRANSLATE_NOOP("Switches", "VAE slicing"),
    QT_TRANSLATE_NOOP("Switches", "VAE tiling"),           QT_TRANSLATE_NOOP("Switches", "cached prompt embeddings"),
    QT_TRANSLATE_NOOP("Switches", "text encoders freed"),  QT_TRANSLATE_NOOP("Switches", "Tiny AutoEncoder"),
    QT_TRANSLATE_NOOP("Switches", "VAE in fp32"),          QT_TRANSLATE_NOOP("Switches", "FP8 products"),
    QT_TRANSLATE_NOOP("Switches", "step cache"),           QT_TRANSLATE_NOOP("Switches", "guidance cut-off"),
    QT_TRANSLATE_NOOP("Switches", "every %1 steps"),       QT_TRANSLATE_NOOP("Switches", "after %1% of the steps"),
    QT_TRANSLATE_NOOP("Switches", "default attention"),    QT_TRANSLATE_NOOP("Switches", "model offload"),
    QT_TRANSLATE_NOOP("Switches", "sequential offload"),
    QT_TRANSLATE_NOOP("Switches", "Approximate: %1")};
QString tr(const char* text) { return QCoreApplication::translate("Switches", text); }
} // namespace

QString switchLabel(const OptimizationSwitch& s) { return tr(s.label); }

QString switchTextFor(const OptimizationSwitch& s, const OptimizationOptions& o) {
  const double v = s.get(o);
  if (!s.valueFormat || v == 0) return switchLabel(s);
  const bool fraction = std::string(s.word) == "guidance_cutoff";
  return switchLabel(s) + QLatin1Char(' ') +
         (fraction ? tr("after %1% of the steps").arg(QLocale().toString(v * 100, 'g', 3))
                   : tr("every %1 steps").arg(QLocale().toString(v, 'g', 3)));
}

QString configurationLabel(const OptimizationOptions& o) {
  QStringList parts{QString::fromLatin1(precisionName(o.precision))};
  if (o.attention == Attention::Default) parts << tr("default attention");
  if (o.offload == Offload::Model) parts << tr("model offload");
  if (o.offload == Offload::Sequential) parts << tr("sequential offload");
  for (const auto& s : kOptimizationSwitches) {
    // Freeing the encoders comes with cached embeddings in configuration names.
    if (!switchOn(s, o) || (std::string(s.word) == "free_encoders" && o.cachePromptEmbeddings)) continue;
    parts << switchTextFor(s, o);
  }
  return parts.join(QStringLiteral(" · "));
}

QString configurationTooltip(const QString& name, const OptimizationOptions& o) {
  QString tip = QStringLiteral("<p><b>%1</b></p><p><code>%2</code></p>").arg(configurationLabel(o).toHtmlEscaped(), name.toHtmlEscaped());
  if (o.approximate()) {
    QStringList approximate;
    for (const auto& s : kOptimizationSwitches)
      if (s.approximate && switchOn(s, o)) approximate << switchTextFor(s, o);
    tip += QStringLiteral("<p>") + tr("Approximate: %1").arg(approximate.join(QStringLiteral(", ")).toHtmlEscaped()) +
           QStringLiteral("</p>");
  }
  return tip;
}

} // namespace sdxl::ui
