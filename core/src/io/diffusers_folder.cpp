#include "sdxl/error.h"
#include "sdxl/model_source.h"
#include "sdxl/safetensors.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace sdxl {
namespace fs = std::filesystem;

namespace {

struct ExpectedComponent {
  const char* name;
  const char* weightStem; // nullptr: no weights (tokenizer, scheduler)
  bool required;
};
// SDXL base's components, in the order the pipeline uses them.
constexpr ExpectedComponent kComponents[] = {
    {"tokenizer", nullptr, true},       {"tokenizer_2", nullptr, true},
    {"text_encoder", "model", true},    {"text_encoder_2", "model", true},
    {"unet", "diffusion_pytorch_model", true}, {"vae", "diffusion_pytorch_model", true},
    {"scheduler", nullptr, true},
};

void inspectWeights(const fs::path& dir, const char* stem, const std::string& variant, ComponentReport& report) {
  if (!fs::exists(dir / "config.json")) report.problems.push_back("config.json is missing");
  try {
    const auto checkpoint = SafetensorsCheckpoint::openComponent(dir, stem, variant);
    for (const auto& file : checkpoint.files()) {
      report.files.push_back(file->path().filename().string());
      report.bytes += file->fileSize();
      for (const auto& t : file->tensors()) {
        report.parameters += t.numel();
        report.dtypes[dtypeName(t.dtype)] += t.numel();
      }
    }
  } catch (const Error& e) {
    report.problems.push_back(e.what());
  }
}

void inspectData(const fs::path& dir, const std::vector<const char*>& needed, ComponentReport& report) {
  for (const char* file : needed) {
    if (fs::is_regular_file(dir / file)) {
      report.files.push_back(file);
      report.bytes += fs::file_size(dir / file);
    } else {
      report.problems.push_back(std::string(file) + " is missing");
    }
  }
}

} // namespace

ModelFolderReport inspectModelFolder(const fs::path& dir, const std::string& variant) {
  ModelFolderReport report;
  report.dir = dir;
  if (!fs::is_directory(dir)) {
    report.problems.push_back(dir.string() + " is not a folder. Point SDXL Studio at the folder that holds "
                                             "model_index.json (a diffusers-format SDXL model).");
    return report;
  }
  nlohmann::json index;
  if (!fs::is_regular_file(dir / "model_index.json")) {
    report.problems.push_back("model_index.json is missing: this is not a diffusers-format model folder");
  } else {
    try {
      std::ifstream in(dir / "model_index.json");
      index = nlohmann::json::parse(in);
      report.pipelineClass = index.value("_class_name", "");
    } catch (const nlohmann::json::exception& e) {
      report.problems.push_back(std::string("model_index.json is not valid JSON (") + e.what() + ")");
    }
  }
  for (const auto& expected : kComponents) {
    ComponentReport component;
    component.name = expected.name;
    component.required = expected.required;
    if (index.is_object() && index.contains(expected.name) && index[expected.name].is_array() &&
        index[expected.name].size() == 2 && index[expected.name][1].is_string())
      component.className = index[expected.name][1].get<std::string>();
    const auto sub = dir / expected.name;
    // [null, null]: a component this pipeline does without (a refiner's first text encoder).
    const bool without = index.is_object() && index.contains(expected.name) && index[expected.name].is_array() &&
                         !index[expected.name].empty() && index[expected.name][0].is_null();
    if (without) {
      component.required = false;
    } else if (!fs::is_directory(sub)) {
      component.problems.push_back("folder " + std::string(expected.name) + "/ is missing");
    } else if (expected.weightStem != nullptr) {
      inspectWeights(sub, expected.weightStem, variant, component);
    } else if (std::string(expected.name) == "scheduler") {
      inspectData(sub, {"scheduler_config.json"}, component);
    } else if (fs::is_regular_file(sub / "tokenizer.json")) {
      inspectData(sub, {"tokenizer.json"}, component);
    } else {
      inspectData(sub, {"vocab.json", "merges.txt"}, component);
    }
    for (const auto& p : component.problems) report.problems.push_back(component.name + ": " + p);
    report.components.push_back(std::move(component));
  }
  return report;
}

} // namespace sdxl
