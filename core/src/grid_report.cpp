// An X/Y/Z grid's results as JSON, and read back (sdxl/grid_report.h): torch-free, the reader is
// fuzzed (tests/fuzz/fuzz_grid_report.cpp).
#include "sdxl/grid_report.h"
#include "sdxl/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

namespace sdxl {

std::string gridImageName(const std::string& stem, std::size_t cell) {
  char number[16];
  std::snprintf(number, sizeof number, "%03zu", cell + 1);
  return stem + "-" + number + ".png";
}

GridCellRecord gridCellRecord(const GridCell& cell) {
  GridCellRecord record;
  record.x = cell.x, record.y = cell.y, record.z = cell.z;
  record.label = cell.label;
  return record;
}

std::string GridReport::toJson() const {
  nlohmann::ordered_json j;
  j["kind"] = "sdxl-studio-grid";
  j["device"] = device;
  j["date"] = date;
  j["commit"] = commit;
  j["software"] = software;
  j["model"] = model;
  j["prompt"] = prompt;
  j["settings"] = settings;
  j["axes"] = nlohmann::json::array();
  for (const auto& a : axes) j["axes"].push_back({{"axis", gridAxisName(a.kind)}, {"values", a.values}});
  j["cells"] = nlohmann::json::array();
  for (const auto& c : cells) {
    nlohmann::ordered_json cell{{"x", c.x}, {"y", c.y}, {"z", c.z}, {"label", c.label}};
    if (c.made) {
      cell["seconds"] = c.seconds;
      cell["peak_allocated_gb"] = c.allocatedGB;
      cell["peak_reserved_gb"] = c.reservedGB;
      cell["device_used_gb"] = c.deviceGB;
      if (!c.error.empty()) cell["error"] = c.error;
      if (!c.image.empty()) cell["image"] = c.image;
    }
    j["cells"].push_back(cell);
  }
  return j.dump(2);
}

namespace {
constexpr std::size_t kMaxText = 4096;

[[noreturn]] void notAGrid(const char* why, std::vector<std::string> args = {}) {
  throw Error(ErrorKind::InvalidRequest, why, std::move(args));
}

std::string text(const nlohmann::json& j, const char* key) {
  if (!j.contains(key)) return {};
  if (!j[key].is_string()) notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: \"%1\" is not text"), {key});
  auto value = j[key].get<std::string>();
  if (value.size() > kMaxText) value.resize(kMaxText);
  return value;
}

double number(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return 0;
  const double value = j[key].is_number() ? j[key].get<double>() : -1;
  if (!std::isfinite(value) || value < 0 || value > 1e9)
    notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: \"%1\" is not a number from 0 up"), {key});
  return value;
}

int index(const nlohmann::json& j, const char* key, std::size_t count) {
  const double value = number(j, key);
  if (value != std::floor(value) || value >= double(count))
    notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: a cell's \"%1\" is outside its axis"), {key});
  return static_cast<int>(value);
}

// Only a file of the report's own folder: a name, never a path.
bool plainPngName(const std::string& name) {
  return name.size() > 4 && name.size() <= 255 && name.front() != '.' && name.find_first_of("/\\:") == std::string::npos &&
         name.compare(name.size() - 4, 4, ".png") == 0;
}
} // namespace

GridReport GridReport::fromJson(const std::string& json) {
  const auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: it is not JSON"));
  if (!j.is_object() || !j.contains("axes") || !j["axes"].is_array() || !j.contains("cells") || !j["cells"].is_array())
    notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: it has no \"axes\" and \"cells\""));
  GridReport report;
  report.device = text(j, "device");
  if (report.device.empty()) report.device = "unknown device";
  report.date = text(j, "date");
  report.commit = text(j, "commit");
  report.software = text(j, "software");
  report.model = text(j, "model");
  report.prompt = text(j, "prompt");
  report.settings = text(j, "settings");
  if (j["axes"].size() > 3) notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: it has more than three axes"));
  std::size_t expected = 1;
  for (const auto& a : j["axes"]) {
    if (!a.is_object()) notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: an axis is not an object"));
    const auto name = text(a, "axis");
    const auto kind = gridAxisFromName(name);
    if (!kind) notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: it has an unknown axis \"%1\""), {name});
    GridAxis axis{*kind, {}};
    if (!a.contains("values") || !a["values"].is_array() || a["values"].empty() || a["values"].size() > 64)
      notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: the axis \"%1\" needs 1 to 64 values"), {name});
    for (const auto& v : a["values"]) {
      if (!v.is_string()) notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: a value of \"%1\" is not text"), {name});
      axis.values.push_back(v.get<std::string>().substr(0, kMaxText));
    }
    expected *= axis.values.size();
    report.axes.push_back(std::move(axis));
  }
  if (expected > 256 || j["cells"].size() != expected)
    notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: its axes make %1 cells and it lists %2"),
             {std::to_string(expected), std::to_string(j["cells"].size())});
  const auto count = [&](std::size_t axis) { return axis < report.axes.size() ? report.axes[axis].values.size() : 1; };
  report.cells.resize(expected);
  std::set<std::size_t> seen;
  for (const auto& c : j["cells"]) {
    if (!c.is_object()) notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: a cell is not an object"));
    GridCellRecord cell;
    cell.x = index(c, "x", count(0));
    cell.y = index(c, "y", count(1));
    cell.z = index(c, "z", count(2));
    const std::size_t at = (std::size_t(cell.z) * count(1) + std::size_t(cell.y)) * count(0) + std::size_t(cell.x);
    if (!seen.insert(at).second)
      notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: the cell %1 is listed twice"), {std::to_string(at + 1)});
    cell.label = text(c, "label");
    cell.made = c.contains("seconds");
    cell.seconds = number(c, "seconds");
    cell.allocatedGB = number(c, "peak_allocated_gb");
    cell.reservedGB = number(c, "peak_reserved_gb");
    cell.deviceGB = number(c, "device_used_gb");
    cell.error = text(c, "error");
    cell.image = text(c, "image");
    if (!cell.image.empty() && !plainPngName(cell.image))
      notAGrid(QT_TRANSLATE_NOOP("sdxl", "this is not a grid of SDXL Studio: the image \"%1\" is not a .png file "
                                         "beside the report"),
               {cell.image});
    report.cells[at] = std::move(cell);
  }
  return report;
}

} // namespace sdxl
