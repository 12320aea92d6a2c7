// The parameters a PNG carries, whoever made it: this product ("sdxl-studio" JSON), A1111 and
// Forge (the "parameters" text), ComfyUI (its "prompt" graph, or its "workflow"), Fooocus (its
// JSON "parameters"). What a person drops on the studio comes back as a request: prompt,
// negative prompt, seed, steps, guidance, size, sampler, clip skip, strength where present. What
// cannot be taken over is said in `notes`, never guessed.
#pragma once

#include "sdxl/request.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sdxl {

struct RestoredParameters {
  GenerationRequest request;      // the defaults where the file says nothing
  std::string madeBy;             // "SDXL Studio", "A1111", "ComfyUI", "Fooocus"
  std::string model;              // the model's name as the file gives it ("" if none)
  std::vector<std::string> notes; // what was left as it was, and why
};

// From a PNG's text chunks (key -> UTF-8 text, as loadPng reads them); nullopt when none of them
// holds parameters. Never throws on what the chunks hold: malformed parameters are notes.
std::optional<RestoredParameters> parametersFromPngText(const std::map<std::string, std::string>& chunks);

// A1111's "parameters" text on its own (prompt lines, "Negative prompt: ...", "Steps: 20, ...").
RestoredParameters parametersFromA1111(const std::string& text);

} // namespace sdxl
