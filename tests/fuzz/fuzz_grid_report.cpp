// libFuzzer target for an X/Y/Z grid's JSON opened in the grid view (GridReport::fromJson): any
// bytes either read as a grid whose cells fill its axes exactly, with finite numbers and image
// names that stay in the report's folder, or are refused with Error(InvalidRequest); a grid read
// back writes and reads again the same.
#include "sdxl/error.h"
#include "sdxl/grid_report.h"

#include <cmath>
#include <cstdlib>

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sdxl::GridReport report;
  try {
    report = sdxl::GridReport::fromJson(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const sdxl::Error& e) {
    check(e.kind() == sdxl::ErrorKind::InvalidRequest);
    return 0;
  }
  std::size_t cells = 1;
  check(report.axes.size() <= 3);
  for (const auto& a : report.axes) cells *= a.values.size();
  check(report.cells.size() == cells && cells <= 256);
  for (std::size_t i = 0; i < report.cells.size(); ++i) {
    const auto& c = report.cells[i];
    const auto n = [&](std::size_t axis) { return axis < report.axes.size() ? report.axes[axis].values.size() : 1; };
    check((std::size_t(c.z) * n(1) + std::size_t(c.y)) * n(0) + std::size_t(c.x) == i);
    for (double v : {c.seconds, c.allocatedGB, c.reservedGB, c.deviceGB}) check(std::isfinite(v) && v >= 0);
    check(c.image.find('/') == std::string::npos && c.image.find('\\') == std::string::npos &&
          (c.image.empty() || c.image[0] != '.'));
  }
  const auto again = sdxl::GridReport::fromJson(report.toJson());
  check(again.cells.size() == report.cells.size());
  for (std::size_t i = 0; i < again.cells.size(); ++i) {
    check(again.cells[i].label == report.cells[i].label);
    check(again.cells[i].made == report.cells[i].made);
    check(again.cells[i].image == (report.cells[i].made ? report.cells[i].image : std::string()));
  }
  return 0;
}
