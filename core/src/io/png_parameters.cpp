#include "sdxl/png_parameters.h"

#include "sdxl/error.h"
#include "sdxl/metadata.h"
#include "sdxl/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

namespace sdxl {

namespace {
using Json = nlohmann::json;

// Numbers from text as the tools write them; nullopt for anything else.
std::optional<double> number(const std::string& text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}
std::optional<double> number(const Json& j) {
  if (j.is_number()) {
    const double v = j.get<double>();
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
  }
  if (j.is_string()) return number(j.get<std::string>());
  return std::nullopt;
}
std::optional<uint64_t> seedOf(const Json& j) {
  if (j.is_number_unsigned()) return j.get<uint64_t>();
  if (j.is_number_integer()) {
    const auto v = j.get<int64_t>();
    return v >= 0 ? std::optional<uint64_t>(uint64_t(v)) : std::nullopt;
  }
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s.empty() || s.size() > 20 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    errno = 0;
    const auto v = std::strtoull(s.c_str(), nullptr, 10);
    return errno == 0 ? std::optional<uint64_t>(v) : std::nullopt;
  }
  return std::nullopt;
}
std::string textOf(const Json& j) { return j.is_string() ? j.get<std::string>() : std::string(); }

// Each field is set only where its value can be used as it is; otherwise a note says what was kept.
class Builder {
public:
  RestoredParameters out;
  void prompt(const std::string& text, bool negative) {
    if (!isValidUtf8(text) || text.size() > 100000) {
      out.notes.push_back(std::string("the ") + (negative ? "negative prompt" : "prompt") + " is not UTF-8 text of a usable length");
      return;
    }
    (negative ? out.request.negativePrompt : out.request.prompt) = text;
  }
  void steps(std::optional<double> v) {
    if (v && *v >= 1 && *v <= 1000 && *v == std::floor(*v)) out.request.steps = int(*v);
    else if (v) out.notes.push_back("steps out of range: kept " + std::to_string(out.request.steps));
  }
  void guidance(std::optional<double> v) {
    if (v && *v >= 0 && *v <= 100) out.request.guidance = *v;
    else if (v) out.notes.push_back("guidance out of range");
  }
  void seed(std::optional<uint64_t> v, bool present) {
    if (v) out.request.seed = *v;
    else if (present) out.notes.push_back("the seed is not a number this studio can use");
  }
  void size(std::optional<double> w, std::optional<double> h) {
    if (!w || !h) return;
    if (*w < 32 || *h < 32 || *w > 4096 || *h > 4096) {
      out.notes.push_back("the size is outside 32..4096 pixels: kept " + std::to_string(out.request.width) + "x" +
                          std::to_string(out.request.height));
      return;
    }
    const int width = int(*w) / 8 * 8, height = int(*h) / 8 * 8;
    if (width != int(*w) || height != int(*h))
      out.notes.push_back("the size " + std::to_string(int(*w)) + "x" + std::to_string(int(*h)) + " became " +
                          std::to_string(width) + "x" + std::to_string(height) + " (multiples of 8)");
    out.request.width = width;
    out.request.height = height;
  }
  void clipSkip(std::optional<double> v) {
    if (v && *v >= 1 && *v <= 12 && *v == std::floor(*v)) out.request.clipSkip = int(*v);
    else if (v) out.notes.push_back("clip skip out of range");
  }
  void scheduler(std::optional<SchedulerKind> kind, const std::string& asWritten) {
    if (kind) out.request.scheduler = *kind;
    else if (!asWritten.empty())
      out.notes.push_back("the sampler " + asWritten + " is not offered here: kept " + schedulerLabel(out.request.scheduler));
  }
};

// A1111's sampler names (and our own labels), with its separate "Schedule type".
std::optional<SchedulerKind> a1111Sampler(const std::string& name, const std::string& schedule) {
  const bool karras = schedule == "Karras";
  if (name == "Euler") return karras ? std::nullopt : std::optional(SchedulerKind::Euler);
  if (name == "Euler a" || name == "Euler ancestral") return karras ? std::nullopt : std::optional(SchedulerKind::EulerAncestral);
  if (name == "DPM++ 2M") return karras ? SchedulerKind::DpmSolverMultistepKarras : SchedulerKind::DpmSolverMultistep;
  if (name == "DPM++ 2M Karras") return SchedulerKind::DpmSolverMultistepKarras;
  if (name == "DDIM") return SchedulerKind::Ddim;
  if (name == "UniPC") return SchedulerKind::UniPC;
  return std::nullopt;
}

// ComfyUI's (and Fooocus') sampler and scheduler names.
std::optional<SchedulerKind> comfySampler(const std::string& sampler, const std::string& scheduler) {
  const bool karras = scheduler == "karras";
  if (!(scheduler.empty() || scheduler == "normal" || scheduler == "karras" || scheduler == "simple")) return std::nullopt;
  if (sampler == "euler") return karras ? std::nullopt : std::optional(SchedulerKind::Euler);
  if (sampler == "euler_ancestral") return karras ? std::nullopt : std::optional(SchedulerKind::EulerAncestral);
  if (sampler == "dpmpp_2m") return karras ? SchedulerKind::DpmSolverMultistepKarras : SchedulerKind::DpmSolverMultistep;
  if (sampler == "ddim") return SchedulerKind::Ddim;
  if (sampler == "uni_pc" || sampler == "uni_pc_bh2") return SchedulerKind::UniPC;
  return std::nullopt;
}

// A1111's last line, "Key: value, Key: "quoted, value", ...", read as its re_param reads it.
std::vector<std::pair<std::string, std::string>> a1111Fields(const std::string& line) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    const auto keyStart = i;
    if (i >= line.size() || !(std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_')) break;
    while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == ' ' ||
                               line[i] == '-' || line[i] == '/'))
      ++i;
    if (i >= line.size() || line[i] != ':') break;
    auto key = line.substr(keyStart, i - keyStart);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    ++i;
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    std::string value;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        value += line[i++];
      }
      if (i < line.size()) ++i; // the closing quote
      while (i < line.size() && line[i] != ',') ++i;
    } else {
      const auto end = line.find(',', i);
      value = line.substr(i, end == std::string::npos ? std::string::npos : end - i);
      i = end == std::string::npos ? line.size() : end;
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
    }
    if (i < line.size()) ++i; // the comma
    fields.emplace_back(std::move(key), std::move(value));
    if (fields.size() > 256) break;
  }
  return fields;
}

// Follows a ComfyUI graph from a sampler's conditioning input to the text that made it.
std::string comfyText(const Json& graph, const Json& link, int depth = 0) {
  if (depth > 8 || !link.is_array() || link.empty()) return {};
  const auto id = link[0].is_string() ? link[0].get<std::string>() : link[0].is_number() ? link[0].dump() : std::string();
  if (!graph.contains(id) || !graph[id].is_object() || !graph[id].contains("inputs") || !graph[id]["inputs"].is_object())
    return {};
  const auto& inputs = graph[id]["inputs"];
  for (const char* key : {"text", "text_g", "prompt"}) {
    if (!inputs.contains(key)) continue;
    if (inputs[key].is_string()) return inputs[key].get<std::string>();
    if (inputs[key].is_array()) return comfyText(graph, inputs[key], depth + 1); // a primitive or another text node
  }
  for (const char* key : {"conditioning", "conditioning_1", "conditioning_to", "string", "value"})
    if (inputs.contains(key)) {
      if (inputs[key].is_string()) return inputs[key].get<std::string>();
      return comfyText(graph, inputs[key], depth + 1);
    }
  return {};
}

const Json* comfyNode(const Json& graph, const Json& link) {
  if (!link.is_array() || link.empty()) return nullptr;
  const auto id = link[0].is_string() ? link[0].get<std::string>() : link[0].is_number() ? link[0].dump() : std::string();
  if (!graph.contains(id) || !graph[id].is_object()) return nullptr;
  return &graph[id];
}

std::optional<RestoredParameters> fromComfyPrompt(const Json& graph) {
  if (!graph.is_object()) return std::nullopt;
  static const std::set<std::string> samplers = {"KSampler", "KSamplerAdvanced"};
  std::vector<const Json*> found;
  for (const auto& [id, node] : graph.items())
    if (node.is_object() && samplers.count(textOf(node.value("class_type", Json()))) && node.contains("inputs") &&
        node["inputs"].is_object())
      found.push_back(&node);
  if (found.empty()) return std::nullopt;
  Builder b;
  b.out.madeBy = "ComfyUI";
  // Several samplers (a refiner or a hires pass): the one that starts from an empty latent is the first pass.
  const Json* sampler = found.front();
  for (const auto* s : found) {
    const auto* latent = comfyNode(graph, (*s)["inputs"].value("latent_image", Json()));
    if (latent && textOf(latent->value("class_type", Json())).find("EmptyLatentImage") != std::string::npos) {
      sampler = s;
      break;
    }
  }
  if (found.size() > 1) b.out.notes.push_back("the workflow has " + std::to_string(found.size()) + " samplers: the first pass's settings were taken");
  const auto& in = (*sampler)["inputs"];
  const bool advanced = textOf(sampler->value("class_type", Json())) == "KSamplerAdvanced";
  const auto& seedValue = in.value(advanced ? "noise_seed" : "seed", Json());
  b.seed(seedOf(seedValue), !seedValue.is_null());
  b.steps(number(in.value("steps", Json())));
  b.guidance(number(in.value("cfg", Json())));
  const auto samplerName = textOf(in.value("sampler_name", Json())), scheduler = textOf(in.value("scheduler", Json()));
  b.scheduler(comfySampler(samplerName, scheduler), samplerName + (scheduler.empty() ? "" : " (" + scheduler + ")"));
  b.prompt(comfyText(graph, in.value("positive", Json())), false);
  b.prompt(comfyText(graph, in.value("negative", Json())), true);
  if (const auto* latent = comfyNode(graph, in.value("latent_image", Json()))) {
    const auto& li = latent->value("inputs", Json::object());
    if (li.is_object() && textOf(latent->value("class_type", Json())).find("EmptyLatentImage") != std::string::npos) {
      b.size(number(li.value("width", Json())), number(li.value("height", Json())));
      const auto batch = number(li.value("batch_size", Json()));
      if (batch && *batch >= 1 && *batch <= 64 && *batch == std::floor(*batch)) b.out.request.images = int(*batch);
    } else {
      b.out.notes.push_back("it started from an image: open that image in the Image tab to redo it");
    }
  }
  for (const auto& [id, node] : graph.items())
    if (node.is_object() && textOf(node.value("class_type", Json())).find("CheckpointLoader") != std::string::npos &&
        node.contains("inputs") && node["inputs"].is_object())
      b.out.model = textOf(node["inputs"].value("ckpt_name", Json()));
  return b.out;
}

// ComfyUI's editor graph ("workflow"), when the API graph is not there: widget values by position.
std::optional<RestoredParameters> fromComfyWorkflow(const Json& workflow) {
  if (!workflow.is_object() || !workflow.contains("nodes") || !workflow["nodes"].is_array()) return std::nullopt;
  std::map<int64_t, const Json*> byId;
  for (const auto& node : workflow["nodes"])
    if (node.is_object() && node.contains("id") && node["id"].is_number_integer()) byId[node["id"].get<int64_t>()] = &node;
  std::map<int64_t, int64_t> linkOrigin; // link id -> the node it comes from
  if (workflow.contains("links") && workflow["links"].is_array())
    for (const auto& l : workflow["links"])
      if (l.is_array() && l.size() >= 2 && l[0].is_number_integer() && l[1].is_number_integer())
        linkOrigin[l[0].get<int64_t>()] = l[1].get<int64_t>();
  auto inputFrom = [&](const Json& node, const std::string& name) -> const Json* {
    if (!node.contains("inputs") || !node["inputs"].is_array()) return nullptr;
    for (const auto& input : node["inputs"])
      if (input.is_object() && textOf(input.value("name", Json())) == name && input.contains("link") &&
          input["link"].is_number_integer()) {
        const auto origin = linkOrigin.find(input["link"].get<int64_t>());
        if (origin == linkOrigin.end()) return nullptr;
        const auto found = byId.find(origin->second);
        return found == byId.end() ? nullptr : found->second;
      }
    return nullptr;
  };
  auto widgets = [](const Json* node) { return node && node->contains("widgets_values") && (*node)["widgets_values"].is_array() ? &(*node)["widgets_values"] : nullptr; };
  for (const auto& [id, node] : byId) {
    const auto type = textOf(node->value("type", Json()));
    if (type != "KSampler" && type != "KSamplerAdvanced") continue;
    const auto* w = widgets(node);
    if (!w) continue;
    Builder b;
    b.out.madeBy = "ComfyUI";
    // KSampler: seed, control, steps, cfg, sampler, scheduler, denoise; the advanced one starts with add_noise.
    const std::size_t at = type == "KSamplerAdvanced" ? 1 : 0;
    if (w->size() >= at + 6) {
      b.seed(seedOf((*w)[at]), true);
      b.steps(number((*w)[at + 2]));
      b.guidance(number((*w)[at + 3]));
      const auto sampler = textOf((*w)[at + 4]), scheduler = textOf((*w)[at + 5]);
      b.scheduler(comfySampler(sampler, scheduler), sampler + " (" + scheduler + ")");
    }
    for (const auto& [name, negative] : {std::pair{"positive", false}, std::pair{"negative", true}}) {
      const auto* text = widgets(inputFrom(*node, name));
      if (text && !text->empty() && (*text)[0].is_string()) b.prompt((*text)[0].get<std::string>(), negative);
    }
    if (const auto* latent = widgets(inputFrom(*node, "latent_image")); latent && latent->size() >= 2)
      b.size(number((*latent)[0]), number((*latent)[1]));
    b.out.notes.push_back("read from the editor's workflow: check the prompts");
    return b.out;
  }
  return std::nullopt;
}

std::optional<RestoredParameters> fromFooocus(const Json& j) {
  if (!j.is_object() || !j.contains("prompt")) return std::nullopt;
  Builder b;
  b.out.madeBy = "Fooocus";
  b.prompt(textOf(j["prompt"]), false);
  b.prompt(textOf(j.value("negative_prompt", Json())), true);
  b.steps(number(j.value("steps", Json())));
  b.guidance(number(j.value("guidance_scale", Json())));
  const auto& seed = j.value("seed", Json());
  b.seed(seedOf(seed), !seed.is_null());
  const auto resolution = textOf(j.value("resolution", Json())); // "(1024, 1024)"
  if (const auto comma = resolution.find(','); comma != std::string::npos && resolution.size() > 2) {
    auto strip = [](std::string s) {
      s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '(' || c == ')' || c == ' '; }), s.end());
      return s;
    };
    b.size(number(strip(resolution.substr(0, comma))), number(strip(resolution.substr(comma + 1))));
  }
  b.clipSkip(number(j.value("clip_skip", Json())));
  const auto sampler = textOf(j.value("sampler", Json())), scheduler = textOf(j.value("scheduler", Json()));
  b.scheduler(comfySampler(sampler, scheduler), sampler + (scheduler.empty() ? "" : " (" + scheduler + ")"));
  b.out.model = textOf(j.value("base_model", Json()));
  if (j.contains("styles") && !textOf(j["styles"]).empty() && textOf(j["styles"]) != "[]")
    b.out.notes.push_back("Fooocus' styles add to the prompt there and are not applied here: " + textOf(j["styles"]));
  return b.out;
}
} // namespace

namespace {
// Another tool's settings must give a request this build runs. Each field is checked on its own as
// it is read; what validate() still refuses of them together (a hires fix that leaves no step, or
// passes 4096 pixels) is left out, with a note.
RestoredParameters usable(RestoredParameters r) {
  try {
    validate(r.request);
    return r;
  } catch (const Error& e) {
    if (r.request.hires) {
      r.request.hires.reset();
      r.notes.push_back(std::string("the hires fix was left out: ") + e.what());
      return usable(std::move(r));
    }
    r.notes.push_back(std::string("the settings were left out: ") + e.what());
    GenerationRequest prompts;
    prompts.prompt = r.request.prompt;
    prompts.negativePrompt = r.request.negativePrompt;
    r.request = prompts;
    try {
      validate(r.request);
    } catch (const Error&) {
      r.request = GenerationRequest{};
    }
    return r;
  }
}
} // namespace

RestoredParameters parametersFromA1111(const std::string& text) {
  Builder b;
  b.out.madeBy = text.find("Version: SDXL Studio") != std::string::npos ? "SDXL Studio"
                 : text.find("Version: Fooocus") != std::string::npos   ? "Fooocus"
                                                                         : "A1111";
  std::vector<std::string> lines;
  std::size_t start = 0;
  const auto trimmed = text.substr(0, 1 << 20);
  while (start <= trimmed.size()) {
    const auto end = trimmed.find('\n', start);
    lines.push_back(trimmed.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  while (!lines.empty() && lines.back().find_first_not_of(" \t\r") == std::string::npos) lines.pop_back();
  std::vector<std::pair<std::string, std::string>> fields;
  if (!lines.empty()) {
    fields = a1111Fields(lines.back());
    if (fields.size() >= 3) lines.pop_back();
    else fields.clear();
  }
  std::string prompt, negative;
  bool inNegative = false;
  for (auto line : lines) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.rfind("Negative prompt:", 0) == 0) {
      inNegative = true;
      line = line.substr(16);
      line.erase(0, line.find_first_not_of(' ') == std::string::npos ? line.size() : line.find_first_not_of(' '));
    }
    auto& target = inNegative ? negative : prompt;
    target += (target.empty() ? "" : "\n") + line;
  }
  b.prompt(prompt, false);
  b.prompt(negative, true);
  std::map<std::string, std::string> f(fields.begin(), fields.end());
  auto get = [&](const char* key) { return f.count(key) ? f[key] : std::string(); };
  if (f.count("Steps")) b.steps(number(get("Steps")));
  if (f.count("CFG scale")) b.guidance(number(get("CFG scale")));
  if (f.count("Seed")) b.seed(seedOf(Json(get("Seed"))), true);
  if (f.count("Size")) {
    const auto size = get("Size");
    const auto x = size.find('x');
    if (x != std::string::npos) b.size(number(size.substr(0, x)), number(size.substr(x + 1)));
  }
  if (f.count("Sampler")) b.scheduler(a1111Sampler(get("Sampler"), get("Schedule type")),
                                      get("Sampler") + (f.count("Schedule type") ? " (" + get("Schedule type") + ")" : ""));
  if (f.count("Clip skip")) b.clipSkip(number(get("Clip skip")));
  if (f.count("Seed mode") && get("Seed mode").rfind("one draw", 0) == 0) b.out.request.seedMode = SeedMode::Batch;
  if (f.count("Emphasis")) b.out.request.emphasis = get("Emphasis") == "No norm" ? Emphasis::NoNorm
                                                    : get("Emphasis") == "ComfyUI" ? Emphasis::Comfy
                                                                                   : Emphasis::A1111;
  if (const auto rescale = number(get("CFG rescale")); rescale && *rescale >= 0 && *rescale <= 1)
    b.out.request.guidanceRescale = *rescale;
  if (f.count("Hires upscale")) {
    HiresFix hires;
    const auto scale = number(get("Hires upscale"));
    if (scale && *scale >= 1 && *scale <= 4) hires.scale = *scale;
    if (const auto s = number(get("Denoising strength")); s && *s > 0 && *s <= 1) hires.strength = *s;
    if (const auto s = number(get("Hires steps")); s && *s >= 0 && *s <= 1000 && *s == std::floor(*s)) hires.steps = int(*s);
    if (const auto u = get("Hires upscaler"); !u.empty()) {
      bool known = false;
      for (const auto& row : kHiresUpscalerNames)
        if (u == row.label) hires.upscaler = row.upscaler, known = true;
      if (!known) b.out.notes.push_back("the hires upscaler " + u + " is not offered here: Latent");
    }
    b.out.request.hires = hires;
  } else if (f.count("Denoising strength")) {
    if (const auto s = number(get("Denoising strength")); s && *s > 0 && *s <= 1) b.out.request.strength = *s;
    b.out.notes.push_back("it was made from an image (img2img or inpainting): open that image in the Image tab to redo it");
  }
  b.out.model = get("Model");
  if (fields.empty()) b.out.notes.push_back("no settings line: only the prompts were read");
  return usable(std::move(b.out));
}

std::optional<RestoredParameters> parametersFromPngText(const std::map<std::string, std::string>& chunks) {
  auto chunk = [&](const char* key) -> const std::string* {
    const auto it = chunks.find(key);
    return it == chunks.end() ? nullptr : &it->second;
  };
  if (const auto* ours = chunk("sdxl-studio")) {
    try {
      RestoredParameters r;
      r.request = requestFromJson(*ours);
      r.madeBy = "SDXL Studio";
      const auto j = Json::parse(*ours, nullptr, false);
      if (j.is_object()) r.model = textOf(j.value("model", Json()));
      return r;
    } catch (const Error&) { // damaged: the A1111 text beside it may still be whole
    }
  }
  if (const auto* parameters = chunk("parameters")) {
    const auto j = Json::parse(*parameters, nullptr, false);
    if (!j.is_discarded() && j.is_object()) {
      if (auto fooocus = fromFooocus(j)) return usable(std::move(*fooocus));
    } else if (!parameters->empty()) {
      return parametersFromA1111(*parameters);
    }
  }
  if (const auto* prompt = chunk("prompt"))
    if (auto comfy = fromComfyPrompt(Json::parse(*prompt, nullptr, false))) return usable(std::move(*comfy));
  if (const auto* workflow = chunk("workflow"))
    if (auto comfy = fromComfyWorkflow(Json::parse(*workflow, nullptr, false))) return usable(std::move(*comfy));
  return std::nullopt;
}

} // namespace sdxl
