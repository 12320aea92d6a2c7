#include "model_choice.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QVariantMap>

namespace sdxl::ui {

namespace {
const QString kOptionsKey = QStringLiteral("modelOptions"); // spec -> {vae, configs}
}

sdxl::ModelSource ModelChoice::source() const {
  auto s = sdxl::ModelSource::parse(spec.toStdString());
  if (!s.isRandom()) {
    s.vae = vae.toStdString();
    s.configs = configs.toStdString();
  }
  return s;
}

QString ModelChoice::displayName(const QString& spec) {
  if (spec == QLatin1String("builtin:tiny"))
    return QCoreApplication::translate("ModelChoice", "Built-in tiny model (random weights)");
  if (spec == QLatin1String("builtin") || spec == QLatin1String("builtin:full"))
    return QCoreApplication::translate("ModelChoice", "Built-in SDXL-size model (random weights)");
  const QFileInfo info(spec);
  return info.isDir() || info.suffix().isEmpty() ? info.fileName() : info.completeBaseName();
}

QString ModelChoice::displayName() const {
  auto name = displayName(spec);
  if (!vae.isEmpty()) name += QStringLiteral(" + ") + displayName(vae);
  return name;
}

ModelChoice ModelChoice::remembered(const QString& spec) {
  ModelChoice c;
  c.spec = spec;
  const auto options = QSettings().value(kOptionsKey).toMap().value(spec).toMap();
  c.vae = options.value(QStringLiteral("vae")).toString();
  c.configs = options.value(QStringLiteral("configs")).toString();
  return c;
}

void ModelChoice::remember() const {
  QSettings settings;
  auto all = settings.value(kOptionsKey).toMap();
  if (vae.isEmpty() && configs.isEmpty())
    all.remove(spec);
  else
    all.insert(spec, QVariantMap{{QStringLiteral("vae"), vae}, {QStringLiteral("configs"), configs}});
  settings.setValue(kOptionsKey, all);
}

} // namespace sdxl::ui
