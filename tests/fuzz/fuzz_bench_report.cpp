// libFuzzer target for a benchmark report opened in the compare view (BenchmarkReport::fromJson):
// any bytes either read as a report whose numbers are finite and whose rows have names, or are
// refused with Error(InvalidRequest); a report read back writes and reads again the same.
#include "sdxl/benchmark.h"
#include "sdxl/error.h"
#include "sdxl/version.h"

#include <cmath>
#include <cstdlib>

// toJson names the software through parts of the core that need LibTorch; these stand in.
namespace sdxl {
std::string studioVersion() { return "fuzz"; }
std::string torchVersion() { return "fuzz"; }
} // namespace sdxl

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sdxl::BenchmarkReport report;
  try {
    report = sdxl::BenchmarkReport::fromJson(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const sdxl::Error& e) {
    check(e.kind() == sdxl::ErrorKind::InvalidRequest);
    return 0;
  }
  for (const auto& row : report.rows) {
    check(!row.config.empty());
    for (double v : {row.latencySeconds, row.peakAllocatedGB, row.peakReservedGB, row.peakDeviceGB})
      check(std::isfinite(v) && v >= 0);
  }
  // Ours only: the reference rows are written back by the caller that measured them.
  sdxl::BenchmarkReport ours = report;
  ours.rows.erase(std::remove_if(ours.rows.begin(), ours.rows.end(), [](const auto& r) { return !r.measuredBy.empty(); }),
                  ours.rows.end());
  const auto again = sdxl::BenchmarkReport::fromJson(ours.toJson(report.commit));
  check(again.rows.size() == ours.rows.size());
  for (std::size_t i = 0; i < again.rows.size(); ++i) {
    check(again.rows[i].config == ours.rows[i].config);
    check(again.rows[i].error == ours.rows[i].error);
  }
  return 0;
}
