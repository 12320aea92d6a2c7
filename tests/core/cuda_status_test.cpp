// What the programs say when the GPU cannot be used (sdxl/cuda_status.h): one sentence for each
// reason, naming what to do, and this machine's answer agreeing with LibTorch's.
#include "sdxl/cuda_status.h"
#include "sdxl/version.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

using namespace sdxl;

namespace {
CudaStatus status(CudaStatus::Kind kind, int driver = 0, int runtime = 13000) {
  CudaStatus s;
  s.kind = kind;
  s.driverVersion = driver;
  s.runtimeVersion = runtime;
  return s;
}
} // namespace

TEST(CudaStatus, EachReasonIsOneSentenceThatSaysWhatToDo) {
  EXPECT_EQ(cudaStatusSentence(status(CudaStatus::Kind::Usable, 13000)), "");
  const auto noDriver = cudaStatusSentence(status(CudaStatus::Kind::NoDriver));
  EXPECT_NE(noDriver.find("No NVIDIA driver"), std::string::npos);
  EXPECT_NE(noDriver.find("580 or newer"), std::string::npos);
  EXPECT_NE(noDriver.find("CPU"), std::string::npos);
  const auto old = cudaStatusSentence(status(CudaStatus::Kind::DriverTooOld, 12040));
  EXPECT_NE(old.find("supports CUDA 12.4, older than the CUDA 13.0"), std::string::npos) << old;
  EXPECT_NE(old.find("Update the driver to version 580"), std::string::npos) << old;
  EXPECT_NE(cudaStatusSentence(status(CudaStatus::Kind::NoDevice, 13000)).find("no NVIDIA GPU is visible"),
            std::string::npos);
  EXPECT_NE(cudaStatusSentence(status(CudaStatus::Kind::CpuBuild)).find("CPU-only build"), std::string::npos);
  auto turing = status(CudaStatus::Kind::GpuTooOld, 13000);
  turing.deviceName = "Tesla T4";
  turing.computeCapability = 75;
  EXPECT_NE(cudaStatusSentence(turing).find("The Tesla T4 (compute capability 7.5) is older than the GPUs this build is "
                                            "made for (Ampere, Ada and Hopper: 8.0 or newer)"),
            std::string::npos)
      << cudaStatusSentence(turing);
  auto failed = status(CudaStatus::Kind::Failed, 13000);
  failed.error = "operation not permitted";
  EXPECT_NE(cudaStatusSentence(failed).find("(operation not permitted)"), std::string::npos);
  EXPECT_EQ(cudaVersionText(12040), "12.4");
  EXPECT_EQ(minimumDriverFor(12040), "525");
}

TEST(CudaStatus, ThisMachinesAnswerAgreesWithLibTorch) {
  const auto& s = cudaStatus();
  EXPECT_EQ(s.kind == CudaStatus::Kind::Usable, torch::cuda::is_available());
  const auto described = computeDescription();
  if (s.kind == CudaStatus::Kind::Usable) {
    EXPECT_EQ(described.rfind("CUDA ", 0), 0u) << described;
  } else {
    EXPECT_EQ(described, "CPU only: " + cudaStatusSentence(s));
  }
#ifdef SDXL_WITH_CUDA
  EXPECT_NE(s.kind, CudaStatus::Kind::CpuBuild);
  EXPECT_GE(s.runtimeVersion, 12000);
#else
  EXPECT_EQ(s.kind, CudaStatus::Kind::CpuBuild);
#endif
}
