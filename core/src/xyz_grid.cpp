#include "sdxl/xyz_grid.h"

#include "sdxl/benchmark.h"
#include "sdxl/error.h"

#include <cmath>
#include <cstdlib>
#include <locale>
#include <sstream>

namespace sdxl {

namespace {
constexpr std::size_t kMaxValues = 64;
constexpr std::size_t kMaxCells = 256;

[[noreturn]] void refuse(const std::string& what) { throw Error(ErrorKind::InvalidRequest, what); }

std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::optional<double> number(const std::string& text) {
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  double v = 0;
  if (!(in >> v) || !std::isfinite(v)) return std::nullopt;
  in >> std::ws;
  return in.eof() ? std::optional<double>(v) : std::nullopt;
}

// "1-5" or "10-30 (+10)": the integers (or steps) from the first to the last, inclusive.
std::optional<std::vector<std::string>> range(const std::string& text) {
  const auto dash = text.find('-', 1);
  if (dash == std::string::npos) return std::nullopt;
  std::string last = text.substr(dash + 1);
  double step = 1;
  if (const auto open = last.find('('); open != std::string::npos) {
    const auto close = last.find(')', open);
    if (close == std::string::npos) return std::nullopt;
    auto inside = trimmed(last.substr(open + 1, close - open - 1));
    if (!inside.empty() && inside[0] == '+') inside = inside.substr(1);
    const auto s = number(inside);
    if (!s || *s <= 0) return std::nullopt;
    step = *s;
    last = last.substr(0, open);
  }
  const auto a = number(trimmed(text.substr(0, dash))), b = number(trimmed(last));
  if (!a || !b || *b < *a) return std::nullopt;
  if ((*b - *a) / step >= double(kMaxValues)) refuse("the range " + text + " gives more than 64 values");
  std::vector<std::string> values;
  for (double v = *a; v <= *b + 1e-9; v += step) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << v;
    values.push_back(out.str());
  }
  return values;
}

template <typename T>
T whole(const std::string& value, const char* what, double lo, double hi) {
  const auto v = number(value);
  if (!v || *v != std::floor(*v) || *v < lo || *v > hi)
    refuse(std::string(what) + " " + value + " is not a whole number from " + std::to_string(int64_t(lo)) + " to " +
           std::to_string(int64_t(hi)));
  return static_cast<T>(*v);
}

void apply(const GridAxis& axis, std::size_t index, GenerationRequest& r, std::string& model) {
  const auto& value = axis.values[index];
  switch (axis.kind) {
  case GridAxisKind::Prompt: {
    const auto& find = axis.values.front();
    if (index == 0) return;
    const auto at = r.prompt.find(find);
    if (at == std::string::npos) refuse("Prompt S/R: \"" + find + "\" is not in the prompt");
    for (auto pos = at; pos != std::string::npos; pos = r.prompt.find(find, pos + value.size()))
      r.prompt.replace(pos, find.size(), value);
    return;
  }
  case GridAxisKind::Seed: r.seed = static_cast<uint64_t>(whole<double>(value, "the seed", 0, 9007199254740991.0)); return;
  case GridAxisKind::Steps: r.steps = whole<int>(value, "steps", 1, 1000); return;
  case GridAxisKind::Guidance: {
    const auto v = number(value);
    if (!v || *v < 0 || *v > 100) refuse("the guidance " + value + " is not a number from 0 to 100");
    r.guidance = *v;
    return;
  }
  case GridAxisKind::Scheduler: {
    auto kind = schedulerFromName(value);
    for (const auto& row : kSchedulerNames)
      if (value == row.label) kind = row.kind;
    if (!kind) refuse("the sampler " + value + " is not one of this studio's");
    r.scheduler = *kind;
    return;
  }
  case GridAxisKind::Size: {
    const auto x = value.find('x');
    if (x == std::string::npos) refuse("the size " + value + " is not WIDTHxHEIGHT");
    r.width = whole<int>(value.substr(0, x), "the width", 32, 4096);
    r.height = whole<int>(value.substr(x + 1), "the height", 32, 4096);
    return;
  }
  case GridAxisKind::Model: model = value; return;
  case GridAxisKind::LoraWeight: {
    const auto v = number(value);
    if (!v || std::abs(*v) > 10) refuse("the LoRA weight " + value + " is not a number from -10 to 10");
    if (r.loras.empty()) refuse("a LoRA weight axis needs a LoRA in the request: add one in the LoRA tab");
    for (auto& l : r.loras) l.textWeight = l.unetWeight = *v;
    return;
  }
  case GridAxisKind::Configuration: r.optimizations = configFromName(value).options; return;
  }
}
} // namespace

const char* gridAxisName(GridAxisKind kind) { return kGridAxisNames[static_cast<int>(kind)].name; }
const char* gridAxisLabel(GridAxisKind kind) { return kGridAxisNames[static_cast<int>(kind)].label; }
std::optional<GridAxisKind> gridAxisFromName(const std::string& name) {
  for (const auto& row : kGridAxisNames)
    if (name == row.name) return row.kind;
  return std::nullopt;
}

GridAxis parseGridAxis(GridAxisKind kind, const std::string& text) {
  GridAxis axis{kind, {}};
  const bool numeric = kind == GridAxisKind::Seed || kind == GridAxisKind::Steps || kind == GridAxisKind::Guidance ||
                       kind == GridAxisKind::LoraWeight;
  const char separator = text.find('|') != std::string::npos ? '|' : ','; // '|' lets values hold commas
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, separator);) {
    part = trimmed(part);
    if (part.empty()) continue;
    if (numeric)
      if (auto values = range(part)) {
        axis.values.insert(axis.values.end(), values->begin(), values->end());
        continue;
      }
    axis.values.push_back(part);
  }
  if (axis.values.size() > kMaxValues) refuse(std::string(gridAxisLabel(kind)) + ": more than 64 values");
  // Each value must be usable on its own, whatever the request: said now, not in the middle of a grid.
  GenerationRequest probe;
  probe.prompt = axis.values.empty() ? "" : axis.values.front();
  probe.loras.push_back({"lora.safetensors", 1, 1});
  std::string model;
  for (std::size_t i = 0; i < axis.values.size(); ++i)
    if (kind != GridAxisKind::Prompt) apply(axis, i, probe, model);
  return axis;
}

std::vector<GridCell> gridCells(const GenerationRequest& base, const std::vector<GridAxis>& axes) {
  std::vector<const GridAxis*> used;
  for (const auto& a : axes)
    if (!a.values.empty()) used.push_back(&a);
  if (used.size() > 3) refuse("a grid has three axes at most");
  std::size_t total = 1;
  for (const auto* a : used) total *= a->values.size();
  if (total > kMaxCells) refuse("the grid would have " + std::to_string(total) + " images; 256 at most");
  const std::size_t nx = used.size() > 0 ? used[0]->values.size() : 1, ny = used.size() > 1 ? used[1]->values.size() : 1,
                    nz = used.size() > 2 ? used[2]->values.size() : 1;
  std::vector<GridCell> cells;
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t x = 0; x < nx; ++x) {
        GridCell cell;
        cell.x = int(x), cell.y = int(y), cell.z = int(z);
        cell.request = base;
        const std::size_t at[3] = {x, y, z};
        for (std::size_t a = 0; a < used.size(); ++a) {
          apply(*used[a], at[a], cell.request, cell.model);
          cell.label += (a ? " · " : "") + used[a]->values[at[a]];
        }
        try {
          validate(cell.request);
        } catch (const Error& e) {
          refuse("the grid's image " + (cell.label.empty() ? std::string("1") : cell.label) + " cannot be made: " + e.what());
        }
        cells.push_back(std::move(cell));
      }
  return cells;
}

} // namespace sdxl
