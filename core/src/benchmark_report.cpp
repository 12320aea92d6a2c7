// A benchmark report as Markdown and JSON, and read back from JSON (`sdxl-cli bench --json` output
// opened in the compare view): torch-free, the reader is fuzzed.
#include "sdxl/benchmark.h"
#include "sdxl/error.h"
#include "sdxl/switches.h"
#include "sdxl/version.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace sdxl {

std::optional<std::size_t> exactRowFor(const std::vector<BenchmarkRow>& rows, std::size_t row) {
  const auto wanted = exactOptionsOf(rows.at(row).options);
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (!r.error.empty() || r.options.approximate() || !r.measuredBy.empty()) continue;
    auto candidate = r.options;
    if (candidate == wanted) return i; // the same compile switch: the closest
    candidate.compile = wanted.compile;
    if (candidate == wanted && !found) found = i;
  }
  return found;
}

std::string BenchmarkReport::toMarkdown() const {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2);
  out << "protocol " << protocol << " on " << device << ", " << date << ", model: " << model;
  if (!rows.empty() && rows.front().limitGB) out << ", under a hard limit of " << *rows.front().limitGB << " GiB";
  out << "\n\n";
  const bool fitted = std::any_of(rows.begin(), rows.end(), [](const BenchmarkRow& r) { return r.fitGB.has_value(); });
  out << "| configuration | latency (s) | encode / denoise / decode (s) | peak allocated (GiB) | peak reserved (GiB) | "
         "device used (GiB) | " << (fitted ? "smallest limit (GiB) | " : "") << "before first step (s) | PSNR vs fp32 (dB) | "
         "latents' error vs exact |\n"
      << "|---|---|---|---|---|---|" << (fitted ? "---|" : "") << "---|---|---|\n";
  for (const auto& r : rows) {
    if (!r.error.empty()) {
      out << "| " << r.config << " | failed: " << r.error.substr(0, 120) << " | | | | | |" << (fitted ? " |" : "") << " | |\n";
      continue;
    }
    out << "| " << r.config << (r.options.approximate() ? " (approximate)" : "") << " | " << r.latencySeconds << " | "
        << r.encodeSeconds << " / " << r.denoiseSeconds << " / "
        << r.decodeSeconds << " | " << r.peakAllocatedGB << " | " << r.peakReservedGB << " | ";
    if (r.peakDeviceGB > 0) out << r.peakDeviceGB;
    else out << "-";
    out << " | ";
    if (fitted) {
      if (r.fitGB) out << *r.fitGB;
      out << " | ";
    }
    out << r.firstStepSeconds << " | ";
    if (r.psnrVsFp32) {
      if (std::isinf(*r.psnrVsFp32)) out << "identical";
      else out << *r.psnrVsFp32;
    }
    out << " | ";
    if (r.errorVsExact) out << std::scientific << std::setprecision(1) << *r.errorVsExact << std::fixed << std::setprecision(2);
    out << " |\n";
  }
  for (const auto& r : rows)
    for (const auto& note : r.memoryNotes) out << "\n- " << r.config << ": " << note;
  if (std::any_of(rows.begin(), rows.end(), [](const BenchmarkRow& r) { return !r.memoryNotes.empty(); })) out << "\n";
  return out.str();
}

std::string BenchmarkReport::toJson(const std::string& commit, const std::string& referenceJson) const {
  nlohmann::ordered_json j;
  j["device"] = device;
  j["date"] = date;
  j["commit"] = commit;
  j["protocol"] = protocol;
  j["model"] = model;
  j["software"] = "SDXL Studio " + studioVersion() + ", LibTorch " + torchVersion();
  j["reference"] = nlohmann::json::parse(referenceJson, nullptr, false);
  j["rows"] = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::ordered_json row;
    row["config"] = r.config;
    row["options"] = r.options.describe();
    if (r.options.approximate()) row["approximate"] = approximateSwitchesText(r.options);
    if (!r.error.empty()) {
      row["error"] = r.error;
    } else {
      row["runs"] = r.runs;
      row["latency_s"] = r.latencySeconds;
      row["all_latencies"] = r.allLatencies;
      row["encode_s"] = r.encodeSeconds;
      row["denoise_s"] = r.denoiseSeconds;
      row["decode_s"] = r.decodeSeconds;
      row["peak_allocated_gb"] = r.peakAllocatedGB;
      row["peak_reserved_gb"] = r.peakReservedGB;
      row["peak_device_used_gb"] = r.peakDeviceGB;
      if (r.fitGB) row["smallest_limit_gb"] = *r.fitGB;
      if (r.limitGB) row["limit_gb"] = *r.limitGB;
      if (!r.memoryNotes.empty()) row["memory_notes"] = r.memoryNotes;
      row["first_step_s"] = r.firstStepSeconds;
      row["graph_capture_s"] = r.graphCaptureSeconds;
      if (r.psnrVsFp32) row["psnr_vs_fp32_db"] = std::isinf(*r.psnrVsFp32) ? 999.0 : *r.psnrVsFp32;
      if (r.errorVsExact) row["latents_error_vs_exact"] = *r.errorVsExact;
    }
    j["rows"].push_back(row);
  }
  return j.dump(2);
}

namespace {
[[noreturn]] void notAReport(const std::string& why) {
  throw Error(ErrorKind::InvalidRequest, "this is not a benchmark report of sdxl-cli bench --json: " + why);
}

std::string text(const nlohmann::json& j, const char* key, const std::string& otherwise = "") {
  if (!j.contains(key)) return otherwise;
  if (!j[key].is_string()) notAReport(std::string("\"") + key + "\" is not text");
  auto value = j[key].get<std::string>();
  if (value.size() > 4096) value.resize(4096);
  return value;
}

// Seconds and GiB: finite and not negative, or the file is not one we wrote.
double number(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return 0;
  if (!j[key].is_number()) notAReport(std::string("\"") + key + "\" is not a number");
  const double value = j[key].get<double>();
  if (!std::isfinite(value) || value < 0 || value > 1e9) notAReport(std::string("\"") + key + "\" is out of range");
  return value;
}

BenchmarkRow rowOf(const nlohmann::json& j, const std::string& measuredBy) {
  if (!j.is_object()) notAReport("a row is not an object");
  BenchmarkRow row;
  row.config = text(j, "config");
  if (row.config.empty()) notAReport("a row has no configuration");
  row.measuredBy = measuredBy;
  try {
    row.options = configFromName(row.config).options;
  } catch (const Error&) { // another tool's name: kept as it is, with default switches
  }
  row.error = text(j, "error");
  row.latencySeconds = number(j, "latency_s");
  row.encodeSeconds = number(j, "encode_s");
  row.denoiseSeconds = number(j, "denoise_s");
  row.decodeSeconds = number(j, "decode_s");
  row.peakAllocatedGB = number(j, "peak_allocated_gb");
  row.peakReservedGB = number(j, "peak_reserved_gb");
  row.peakDeviceGB = number(j, "peak_device_used_gb");
  row.firstStepSeconds = number(j, "first_step_s");
  row.graphCaptureSeconds = number(j, "graph_capture_s");
  if (j.contains("runs")) row.runs = static_cast<int>(std::min(number(j, "runs"), 1000.0));
  if (j.contains("smallest_limit_gb")) row.fitGB = number(j, "smallest_limit_gb");
  if (j.contains("limit_gb")) row.limitGB = number(j, "limit_gb");
  if (j.contains("psnr_vs_fp32_db")) row.psnrVsFp32 = number(j, "psnr_vs_fp32_db");
  if (j.contains("latents_error_vs_exact")) row.errorVsExact = number(j, "latents_error_vs_exact");
  if (j.contains("memory_notes") && j["memory_notes"].is_array())
    for (const auto& note : j["memory_notes"])
      if (note.is_string() && row.memoryNotes.size() < 64) row.memoryNotes.push_back(note.get<std::string>().substr(0, 4096));
  if (row.error.empty() && row.latencySeconds <= 0) notAReport("the row " + row.config + " has no latency");
  return row;
}
} // namespace

BenchmarkReport BenchmarkReport::fromJson(const std::string& json) {
  const auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) notAReport("it is not JSON");
  if (!j.is_object() || !j.contains("rows") || !j["rows"].is_array()) notAReport("it has no \"rows\"");
  BenchmarkReport report;
  report.device = text(j, "device", "unknown device");
  report.date = text(j, "date");
  report.protocol = text(j, "protocol");
  report.model = text(j, "model");
  report.commit = text(j, "commit");
  if (j["rows"].size() > 10000) notAReport("it has more rows than any run makes");
  for (const auto& row : j["rows"]) report.rows.push_back(rowOf(row, ""));
  if (j.contains("reference") && j["reference"].is_array()) {
    // diffusers' rows: one per configuration, the last measured (a call may repeat one)
    std::vector<BenchmarkRow> reference;
    for (const auto& row : j["reference"]) {
      if (reference.size() >= 10000) break;
      auto r = rowOf(row, "diffusers");
      const auto same = std::find_if(reference.begin(), reference.end(), [&](const BenchmarkRow& o) { return o.config == r.config; });
      if (same != reference.end()) *same = r;
      else reference.push_back(r);
    }
    report.rows.insert(report.rows.end(), reference.begin(), reference.end());
  }
  return report;
}

} // namespace sdxl
