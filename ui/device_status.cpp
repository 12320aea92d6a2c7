#include "device_status.h"

#include "sdxl/cuda_status.h"
#include "sdxl/telemetry.h"
#include "sdxl/version.h"

#include <QCoreApplication>

namespace sdxl::ui {

namespace {
struct DeviceStatus {
  Q_DECLARE_TR_FUNCTIONS(DeviceStatus)
};

QString reason(const CudaStatus& s) {
  const auto version = [](int v) { return QString::fromStdString(cudaVersionText(v)); };
  const auto driver = QString::fromStdString(minimumDriverFor(s.runtimeVersion));
  switch (s.kind) {
  case CudaStatus::Kind::Usable: return DeviceStatus::tr("LibTorch found no CUDA device.");
  case CudaStatus::Kind::CpuBuild:
    return DeviceStatus::tr(
        "This is the CPU-only build of SDXL Studio: it runs on the CPU. Install the CUDA package to use an "
        "NVIDIA GPU.");
  case CudaStatus::Kind::NoDriver:
    return DeviceStatus::tr(
               "No NVIDIA driver is installed, so SDXL Studio runs on the CPU (minutes per image instead of seconds). "
               "To use an NVIDIA GPU, install its driver, version %1 or newer.")
        .arg(driver);
  case CudaStatus::Kind::DriverTooOld:
    return DeviceStatus::tr(
               "The NVIDIA driver supports CUDA %1, older than the CUDA %2 this build needs, so SDXL Studio runs on "
               "the CPU (minutes per image instead of seconds). Update the driver to version %3 or newer.")
        .arg(version(s.driverVersion), version(s.runtimeVersion), driver);
  case CudaStatus::Kind::NoDevice:
    return DeviceStatus::tr(
        "The NVIDIA driver is installed but no NVIDIA GPU is visible to this program (check the card, "
        "CUDA_VISIBLE_DEVICES, or a container's access to the GPU), so SDXL Studio runs on the CPU (minutes "
        "per image instead of seconds).");
  case CudaStatus::Kind::GpuTooOld:
    return DeviceStatus::tr("The %1 (compute capability %2) is older than the GPUs this build is made for (Ampere, "
                            "Ada and Hopper: 8.0 or newer), so SDXL Studio runs on the CPU (minutes per image instead "
                            "of seconds).")
        .arg(QString::fromStdString(s.deviceName))
        .arg(s.computeCapability / 10.0, 0, 'f', 1);
  case CudaStatus::Kind::Failed:
    return DeviceStatus::tr(
               "The GPU could not be used (%1), so SDXL Studio runs on the CPU (minutes per image instead of seconds).")
        .arg(QString::fromStdString(s.error));
  }
  return {};
}
} // namespace

QString deviceStatusText() {
  const auto& s = cudaStatus();
  if (s.kind == CudaStatus::Kind::Usable && cudaAvailable())
    return DeviceStatus::tr("CUDA %1 (driver supports %2), %3 device(s)")
        .arg(QString::fromStdString(cudaVersionText(s.runtimeVersion)),
             QString::fromStdString(cudaVersionText(s.driverVersion)))
        .arg(s.devices);
  return DeviceStatus::tr("CPU only: %1").arg(reason(s));
}

QString deviceStatusShort() {
  if (cudaStatus().kind == CudaStatus::Kind::Usable && cudaAvailable())
    return DeviceStatus::tr("GPU: %1").arg(QString::fromStdString(deviceDescription()));
  return DeviceStatus::tr("CPU only");
}

} // namespace sdxl::ui
