// The parameters stored in every saved image: a "parameters" text chunk in the format that
// AUTOMATIC1111 and ComfyUI users read, and the full settings as JSON ("sdxl-studio"), from
// which a request can be rebuilt ("reuse these parameters").
#pragma once

#include "sdxl/pipeline.h"
#include "sdxl/request.h"

#include <map>
#include <string>

namespace sdxl {

// Which model made an image, in A1111's words: "Model", "Model hash", "VAE".
struct ModelIdentity {
  std::string name; // the checkpoint's or folder's name; the built-in model says "random weights"
  std::string hash; // A1111's short model hash, where known
  std::string vae;  // a VAE chosen apart from the model's own, by its file or folder name
  ModelIdentity(std::string modelName = "") : name(std::move(modelName)) {}
  ModelIdentity(const char* modelName) : name(modelName) {}
};
ModelIdentity identityOf(const ModelSource& source);

// image 0..images-1 of the request.
std::string a1111Parameters(const GenerationRequest& request, const ModelIdentity& model, int imageIndex);
std::string requestToJson(const GenerationRequest& request, const ModelIdentity& model, int imageIndex);
// Throws Error(InvalidRequest) for JSON that is not a request of ours.
GenerationRequest requestFromJson(const std::string& json);
std::map<std::string, std::string> imageTextChunks(const GenerationRequest& request, const ModelIdentity& model,
                                                   int imageIndex);
// The same chunks from the two texts already made (a gallery that keeps them beside the pixels).
std::map<std::string, std::string> imageTextChunks(const std::string& a1111Parameters, const std::string& requestJson);

} // namespace sdxl
