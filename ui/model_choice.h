// What the studio loads: a model (a built-in name, a single .safetensors checkpoint or a diffusers
// folder), the VAE chosen for it (empty: the model's own) and, rarely, a folder of configs for a
// single file not shaped like SDXL-base. Remembered per model in the settings.
#pragma once

#include "sdxl/pipeline.h"

#include <QMetaType>
#include <QString>

namespace sdxl::ui {

struct ModelChoice {
  QString spec = QStringLiteral("builtin:tiny");
  QString vae;
  QString configs;

  sdxl::ModelSource source() const;
  // For people: "Built-in tiny model (random weights)", a file's or a folder's name.
  QString displayName() const;
  static QString displayName(const QString& spec);
  bool operator==(const ModelChoice& o) const { return spec == o.spec && vae == o.vae && configs == o.configs; }

  // The VAE and configs last used with `spec` (nothing chosen yet: the model's own).
  static ModelChoice remembered(const QString& spec);
  void remember() const;
};

} // namespace sdxl::ui

Q_DECLARE_METATYPE(sdxl::ui::ModelChoice)
