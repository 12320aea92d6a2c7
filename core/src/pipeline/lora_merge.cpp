#include "pipeline/lora_merge.h"

#include "io/lora_file.h"
#include "io/single_file.h"
#include "nn/layers.h"
#include "pipeline/sdxl_model.h"
#include "sdxl/error.h"
#include "sdxl/prompt.h"

#include <chrono>
#include <map>
#include <sstream>

namespace sdxl::pipeline {

namespace {

const std::set<std::string> kAll = {"unet", "text_encoder", "text_encoder_2"};
const std::set<std::string> kText = {"text_encoder", "text_encoder_2"};

// A layer a LoRA can change: its weight as checkpoints order it (a view of the parameter).
struct Target {
  at::Tensor parameter, view;
};

std::map<std::string, Target> targetsOf(torch::nn::Module& component) {
  std::map<std::string, Target> out;
  for (const auto& item : component.named_modules("", /*include_self=*/false)) {
    auto* m = item.value().get();
    const bool layer = dynamic_cast<nn::LinearImpl*>(m) || dynamic_cast<nn::Conv2dImpl*>(m) ||
                       dynamic_cast<nn::GegluProjectionImpl*>(m);
    if (!layer) continue;
    auto params = m->named_parameters(/*recurse=*/false);
    if (!params.contains("weight")) continue;
    auto weight = params["weight"];
    const auto* order = dynamic_cast<const nn::CheckpointOrder*>(m);
    out[item.key()] = {weight, order ? order->loadView("weight", weight) : weight};
  }
  return out;
}

std::map<std::string, torch::nn::Module*> componentsOf(SdxlModel& m, const std::set<std::string>& wanted) {
  std::map<std::string, torch::nn::Module*> out;
  if (wanted.count("unet")) out["unet"] = m.unet.get();
  if (wanted.count("text_encoder") && !m.textEncoder1.is_empty()) out["text_encoder"] = m.textEncoder1.get();
  if (wanted.count("text_encoder_2") && m.textEncodersLoaded()) out["text_encoder_2"] = m.textEncoder2.get();
  return out;
}

std::string listSome(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < 12; ++i) out += "\n    " + items[i];
  if (items.size() > 12) out += "\n    ... and " + std::to_string(items.size() - 12) + " more";
  return out;
}

} // namespace

std::vector<LoraChoice> lorasOf(const GenerationRequest& r) {
  namespace fs = std::filesystem;
  auto out = r.loras;
  for (const auto& tag : parsePrompt(r.prompt).networks) {
    if (tag.type != "lora" && tag.type != "lyco")
      throw Error(ErrorKind::InvalidRequest,
                  QT_TRANSLATE_NOOP("sdxl", "the prompt's <%1:%2> tag: SDXL Studio applies LoRAs (<lora:NAME:WEIGHT>) "
                                            "only; take it out"),
                  {tag.type, tag.name});
    if (!tag.problem.empty())
      throw Error(ErrorKind::InvalidRequest, "the prompt's <" + tag.type + ":" + tag.name + "> tag: " + tag.problem);
    if (r.loraFolder.empty())
      throw Error(ErrorKind::InvalidRequest,
                  QT_TRANSLATE_NOOP("sdxl", "the prompt asks for the LoRA '%1', but no LoRA folder is set (choose the "
                                            "models folder that holds it)"),
                  {tag.name});
    if (!fs::is_directory(r.loraFolder))
      throw Error(ErrorKind::InvalidRequest,
                  QT_TRANSLATE_NOOP("sdxl", "the prompt asks for the LoRA '%1', but the LoRA folder %2 does not exist "
                                            "(choose the models folder that holds it)"),
                  {tag.name, r.loraFolder});
    std::string found;
    const auto direct = fs::path(r.loraFolder) / (tag.name + ".safetensors");
    if (fs::is_regular_file(direct)) found = direct.string();
    std::error_code ec;
    for (fs::recursive_directory_iterator it(r.loraFolder, fs::directory_options::skip_permission_denied, ec), end;
         found.empty() && !ec && it != end; it.increment(ec))
      if (it->is_regular_file() && it->path().extension() == ".safetensors" && it->path().stem() == tag.name)
        found = it->path().string();
    if (found.empty())
      throw Error(ErrorKind::InvalidRequest,
                  QT_TRANSLATE_NOOP("sdxl", "the prompt asks for the LoRA '%1', which is not in %2 (as %1.safetensors)"),
                  {tag.name, r.loraFolder});
    out.push_back({found, tag.textWeight, tag.unetWeight});
  }
  return out;
}

std::vector<std::string> loraLayerNames(torch::nn::Module& component) {
  std::vector<std::string> out;
  for (const auto& t : targetsOf(component)) out.push_back(t.first);
  return out;
}

std::string LoraMerge::key() const {
  std::ostringstream out;
  for (const auto& l : m_current) out << l.file << "@" << l.textWeight << "/" << l.unetWeight << ";";
  return out.str();
}

void LoraMerge::restore(const std::set<std::string>& components) {
  torch::NoGradGuard noGrad;
  std::vector<Saved> kept;
  for (auto& s : m_saved) {
    if (!components.count(s.component)) {
      kept.push_back(std::move(s));
      continue;
    }
    s.parameter.copy_(s.original);
  }
  m_saved = std::move(kept);
}

void LoraMerge::apply(SdxlModel& model, const std::vector<LoraChoice>& loras) {
  if (loras == m_current) return;
  const auto start = std::chrono::steady_clock::now();
  restore(kAll);
  m_current.clear();
  if (!loras.empty()) {
    try {
      merge(model, loras, kAll);
    } catch (...) {
      restore(kAll); // a LoRA that fails leaves the model as it was
      throw;
    }
    m_current = loras;
  }
  m_applySeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void LoraMerge::textEncodersReloaded(SdxlModel& model) {
  // Their saved originals belong to the weights that were freed: nothing to restore into.
  std::vector<Saved> kept;
  for (auto& s : m_saved)
    if (!kText.count(s.component)) kept.push_back(std::move(s));
  m_saved = std::move(kept);
  if (!m_current.empty()) merge(model, m_current, kText);
}

void LoraMerge::merge(SdxlModel& model, const std::vector<LoraChoice>& loras, const std::set<std::string>& wanted) {
  torch::NoGradGuard noGrad;
  const auto components = componentsOf(model, wanted);
  std::map<std::string, std::map<std::string, Target>> targets;
  io::LoraTargets names;
  for (const auto& [component, module] : components) {
    targets[component] = targetsOf(*module);
    for (const auto& t : targets[component]) names.modules[component].push_back(t.first);
  }
  // Names of the other components too, so that every layer of a LoRA is known, whatever part of it
  // is merged now (the text encoders' names are kept while they are freed).
  if (!names.modules.count("unet")) names.modules["unet"] = loraLayerNames(*model.unet);
  for (const auto& component : kText)
    if (!names.modules.count(component) && model.textLayers.count(component))
      names.modules[component] = model.textLayers.at(component);
  const auto stored = io::sgmUNetNames(io::sgmLayoutOf(model.unet->config()));
  names.unetStoredName = [&](const std::string& m) { return stored->toStored(m); };

  const auto device = model.device;
  std::map<std::pair<std::string, std::string>, at::Tensor> deltas;
  for (const auto& choice : loras) {
    const auto lora = io::readLora(choice.file, names);
    if (lora.forSd1)
      throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is a LoRA for Stable Diffusion 1.x; this model is SDXL"),
                  {choice.file});
    if (!lora.unknown.empty())
      throw Error(ErrorKind::ModelFormat,
                  QT_TRANSLATE_NOOP("sdxl", "%1 names %2 layer(s) this model does not have:%3\n  Is it a LoRA for "
                                            "SDXL base?"),
                  {choice.file, std::to_string(lora.unknown.size()), listSome(lora.unknown)});
    std::vector<std::string> misshapen;
    for (const auto& layer : lora.layers) {
      if (!components.count(layer.component)) continue; // text layers while the encoders are freed
      const auto& target = targets.at(layer.component).at(layer.module);
      const double weight = (layer.component == "unet" ? choice.unetWeight : choice.textWeight) * layer.scale;
      const auto down = lora.file->tensor(layer.down).to(device, at::kFloat);
      const auto up = lora.file->tensor(layer.up).to(device, at::kFloat);
      // Rows and columns as checkpoints store the weight (the parameter's own order may differ).
      const auto rows = target.parameter.size(0), columns = target.parameter.numel() / rows;
      if (up.dim() < 2 || down.dim() < 2 || up.size(1) != down.size(0) || up.size(0) != rows ||
          down.flatten(1).size(1) != columns) {
        misshapen.push_back(layer.module + ": up " + c10::str(up.sizes()) + ", down " + c10::str(down.sizes()) +
                            " for a weight of " + c10::str(target.view.sizes()));
        continue;
      }
      auto delta = at::mm(up.flatten(1), down.flatten(1)).mul_(weight).view(target.view.sizes());
      auto& sum = deltas[{layer.component, layer.module}];
      sum = sum.defined() ? sum.add_(delta) : delta;
    }
    if (!misshapen.empty())
      throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 does not fit this model's layers:%2"),
                  {choice.file, listSome(misshapen)});
  }
  for (auto& [where, delta] : deltas) {
    const auto& target = targets.at(where.first).at(where.second);
    auto original = at::empty(target.parameter.sizes(), target.parameter.options().device(at::kCPU).pinned_memory(
                                                           target.parameter.is_cuda() || device.is_cuda()));
    original.copy_(target.parameter);
    m_saved.push_back({where.first, target.parameter, original});
    // One rounding: the sum in float32, then to the weight's precision.
    auto view = target.view;
    view.copy_(view.to(device, at::kFloat).add_(delta));
  }
}

} // namespace sdxl::pipeline
