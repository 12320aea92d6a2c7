// The optimization switches in the window's language. The core names each switch once
// (sdxl/switches.h, in English); the words people read are translated here, so a configuration
// such as fp16_compile_vae_slicing reads "fp16 · compile (CUDA graphs) · VAE slicing" in English
// and in Japanese alike.
#pragma once

#include "sdxl/request.h"
#include "sdxl/switches.h"

#include <QString>

namespace sdxl::ui {

QString switchLabel(const OptimizationSwitch& s);                 // "VAE slicing"
QString switchTextFor(const OptimizationSwitch& s, const OptimizationOptions& o); // with a valued switch's value
QString configurationLabel(const OptimizationOptions& o);          // the whole configuration, for tables and lists
// For a configuration's tooltip: its name on the command line, and what is approximate about it.
QString configurationTooltip(const QString& name, const OptimizationOptions& o);

} // namespace sdxl::ui
