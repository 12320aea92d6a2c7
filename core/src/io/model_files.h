// The files of a model on disk, component by component: a diffusers folder, or one checkpoint in
// the original layout (sgm_layout.h) with SDXL base's configs, built in or, for another
// architecture, from a folder's config.json files (as diffusers' from_single_file takes config=).
// Single files carry no tokenizer: theirs is SDXL-base's, the built-in model's.
#pragma once

#include "io/weight_source.h"
#include "nn/config_json.h"
#include "sdxl/pipeline.h"

#include <filesystem>
#include <memory>
#include <string>

namespace sdxl::io {

// What model_index.json says beyond the components (SDXL base's values for a file without one).
struct PipelineConfig {
  bool forceZerosForEmptyPrompt = true;
  bool requiresAestheticsScore = false; // a refiner's time ids: size, crop, aesthetic score
  bool firstTextEncoder = true;         // false for a refiner: OpenCLIP's encoder alone
  bool refiner() const { return !firstTextEncoder; }
};

class ModelFiles {
public:
  virtual ~ModelFiles() = default;
  virtual nn::ConfigReader config(const std::string& component) const = 0; // "unet", "text_encoder_2", ...
  // `variant` ("fp16" or "") is the diffusers weight variant preferred where both exist.
  virtual std::unique_ptr<WeightSource> weights(const std::string& component, const std::string& variant) const = 0;
  virtual std::string origin(const std::string& component) const = 0; // for messages: "this folder's unet"
  virtual std::filesystem::path tokenizers() const = 0;                // holds tokenizer/ and tokenizer_2/
  virtual nn::ConfigReader schedulerConfig() const = 0;
  virtual PipelineConfig pipelineConfig() const = 0;
  virtual std::filesystem::path tinyAutoencoderDir() const = 0; // TAESDXL in diffusers' format, if the user put one there
};

// Checks the model first (every problem listed in one Error(ModelFormat)), then opens it.
std::unique_ptr<ModelFiles> openModelFiles(const ModelSource& source, const std::string& variant);

} // namespace sdxl::io
