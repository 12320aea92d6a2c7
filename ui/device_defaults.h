// What a first run asks for, chosen by the device: on a GPU the seed protocol's settings
// (1024x1024, 30 steps, fp16 with SDPA); on a CPU a quick size and the precision the CPU
// multiplies fastest (bf16 where it has native bf16 instructions, fp32 otherwise: fp16, and bf16
// without them, take minutes where fp32 takes seconds). The window says why.
#pragma once

#include "sdxl/request.h"

#include <QString>

namespace sdxl::ui {

struct DeviceDefaults {
  sdxl::GenerationRequest request;
  QString why; // one sentence for the status bar
};

DeviceDefaults defaultsForThisDevice();
bool cpuHasNativeBf16(); // AVX-512 BF16 or AMX, from /proc/cpuinfo

} // namespace sdxl::ui
