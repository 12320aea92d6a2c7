// The compute device for the status bar and the About box, in the window's language: the GPU in
// use, or why the studio runs on the CPU (sdxl/cuda_status.h's reasons, translated here).
#pragma once

#include <QString>

namespace sdxl::ui {

QString deviceStatusText();
// A few words for the status bar's corner: "GPU: NVIDIA H200" or "CPU only" (the why in the tooltip).
QString deviceStatusShort();

} // namespace sdxl::ui
