#include "device_defaults.h"

#include "sdxl/telemetry.h"

#include <QCoreApplication>
#include <QFile>

namespace sdxl::ui {

namespace {
struct Defaults {
  Q_DECLARE_TR_FUNCTIONS(DeviceDefaults)
};
} // namespace

bool cpuHasNativeBf16() {
  QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
  if (!cpuinfo.open(QIODevice::ReadOnly)) return false;
  for (const auto& line : cpuinfo.readAll().split('\n'))
    if (line.startsWith("flags"))
      return line.contains(" avx512_bf16") || line.contains(" amx_bf16");
  return false;
}

DeviceDefaults defaultsForThisDevice() {
  DeviceDefaults d;
  auto& r = d.request;
  if (sdxl::sampleMemory().cuda) {
    r.width = r.height = 1024;
    r.steps = 30;
    r.optimizations.precision = Precision::FP16;
    d.why = Defaults::tr("Settings for this GPU: 1024×1024, 30 steps, fp16 with SDPA (SDXL's own size).");
    return d;
  }
  r.width = r.height = 512;
  r.steps = 20;
  const bool bf16 = cpuHasNativeBf16();
  r.optimizations.precision = bf16 ? Precision::BF16 : Precision::FP32;
  d.why = bf16 ? Defaults::tr("Settings for this computer without a GPU: 512×512 and 20 steps to keep a run to minutes, "
                              "bf16 because this CPU multiplies it natively.")
               : Defaults::tr("Settings for this computer without a GPU: 512×512 and 20 steps to keep a run to minutes, "
                              "fp32 because this CPU has no fast fp16 or bf16 arithmetic.");
  return d;
}

} // namespace sdxl::ui
