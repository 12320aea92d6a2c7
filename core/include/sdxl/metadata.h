// The parameters stored in every saved image: a "parameters" text chunk in the format that
// AUTOMATIC1111 and ComfyUI users read, and the full settings as JSON ("sdxl-studio"), from
// which a request can be rebuilt ("reuse these parameters").
#pragma once

#include "sdxl/pipeline.h"
#include "sdxl/request.h"

#include <map>
#include <string>

namespace sdxl {

// image 0..images-1 of the request; `model` names the model ("builtin (random weights)" ...).
std::string a1111Parameters(const GenerationRequest& request, const std::string& model, int imageIndex);
std::string requestToJson(const GenerationRequest& request, const std::string& model, int imageIndex);
// Throws Error(InvalidRequest) for JSON that is not a request of ours.
GenerationRequest requestFromJson(const std::string& json);
std::map<std::string, std::string> imageTextChunks(const GenerationRequest& request, const std::string& model,
                                                   int imageIndex);
// The same chunks from the two texts already made (a gallery that keeps them beside the pixels).
std::map<std::string, std::string> imageTextChunks(const std::string& a1111Parameters, const std::string& requestJson);

} // namespace sdxl
