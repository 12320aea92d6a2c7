// GPU check and figures of real-model loading, at full size (the random-weight SDXL-base folder
// and the same weights as one original-layout file, written by make_single_file.py):
//   - the single file loads the very weights of the folder (bit for bit), and not slower;
//   - time from choosing a model (file in the page cache) to its first denoising step;
//   - ten switches between the two: reserved memory back to the first one's (within 5%);
//   - a LoRA merged and taken out: time each way, and every weight bit-identical after.
// Exits 1 when a check fails; prints one JSON object last.
//   sdxl_gpu_load_check FOLDER FILE LORA
#include "pipeline/sdxl_model.h"
#include "sdxl/pipeline.h"
#include "sdxl/telemetry.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

using namespace sdxl;

namespace {

double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

class FirstStep final : public GenerationObserver {
public:
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  double seconds = -1;
  void onStep(const StepEvent&) override {
    if (seconds < 0) {
      synchronizeDevice();
      seconds = since(start);
    }
  }
};

GenerationRequest request() {
  GenerationRequest r;
  r.prompt = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k";
  r.steps = 2;
  r.optimizations.precision = Precision::FP16;
  return r;
}

double reservedGiB() { return static_cast<double>(sampleMemory().reserved) / (1ull << 30); }

} // namespace

int main(int argc, char** argv) {
  if (argc < 4 || !torch::cuda::is_available()) {
    std::fprintf(stderr, "usage: %s FOLDER FILE LORA (needs a CUDA device)\n", argv[0]);
    return 2;
  }
  const auto folder = ModelSource::parse(argv[1]), file = ModelSource::parse(argv[2]);
  nlohmann::json out;
  bool ok = true;
  c10::InferenceMode inference;

  // Loading alone, in turns, six times each (from the page cache after the first): the medians.
  std::vector<double> loads[2];
  for (int i = 0; i < 12; ++i) {
    const auto t = std::chrono::steady_clock::now();
    auto m = pipeline::loadSdxlModel(i % 2 ? file : folder, torch::kCUDA, torch::kHalf, Offload::None, {});
    synchronizeDevice();
    loads[i % 2].push_back(since(t));
  }
  for (int k = 0; k < 2; ++k) {
    out[k ? "loads_file_s" : "loads_folder_s"] = loads[k];
    std::sort(loads[k].begin() + 1, loads[k].end()); // the first read the disk
    out[k ? "load_file_s" : "load_folder_s"] = loads[k][3];
  }
  {
    auto a = pipeline::loadSdxlModel(folder, torch::kCUDA, torch::kHalf, Offload::None, {});
    auto b = pipeline::loadSdxlModel(file, torch::kCUDA, torch::kHalf, Offload::None, {});
    int differ = 0;
    for (auto [x, y] : {std::pair{a->unet.ptr(), b->unet.ptr()}})
      for (const auto& p : x->named_parameters(true)) differ += torch::equal(p.value(), y->named_parameters(true)[p.key()]) ? 0 : 1;
    for (auto [x, y] : {std::pair{a->textEncoder1.ptr(), b->textEncoder1.ptr()}, std::pair{a->textEncoder2.ptr(), b->textEncoder2.ptr()}})
      for (const auto& p : x->named_parameters(true)) differ += torch::equal(p.value(), y->named_parameters(true)[p.key()]) ? 0 : 1;
    for (auto [x, y] : {std::pair{a->vae.ptr(), b->vae.ptr()}})
      for (const auto& p : x->named_parameters(true)) differ += torch::equal(p.value(), y->named_parameters(true)[p.key()]) ? 0 : 1;
    out["parameters_differing"] = differ;
    const bool same = differ == 0;
    std::printf("%s the single file loads the folder's weights bit for bit (%d differ)\n", same ? "ok  " : "FAIL", differ);
    ok &= same;
  }
  // Not slower: within 5% of the folder's median (the spread of one machine's repeated loads).
  const bool notSlower = out["load_file_s"].get<double>() <= 1.05 * out["load_folder_s"].get<double>();
  std::printf("%s load from the page cache: file %.2f s, folder %.2f s\n", notSlower ? "ok  " : "FAIL",
              out["load_file_s"].get<double>(), out["load_folder_s"].get<double>());
  ok &= notSlower;
  releaseCachedMemory();

  // Choosing a model, to its first step (1024x1024), and ten switches.
  std::vector<double> reserved, firstStep;
  for (int i = 0; i < 10; ++i) {
    {
      FirstStep observer;
      Pipeline p(i % 2 ? folder : file, "cuda");
      p.generate(request(), &observer);
      firstStep.push_back(observer.seconds);
    } // the pipeline and its model are gone here
    reserved.push_back(reservedGiB());
  }
  out["first_step_s"] = firstStep;
  out["reserved_after_switch_gib"] = reserved;
  const bool backToBaseline = reserved.back() <= reserved.front() * 1.05 + 0.01;
  std::printf("%s reserved after each of 10 switches: first %.3f GiB, last %.3f GiB; first step after choosing the file "
              "%.2f s (cached)\n", backToBaseline ? "ok  " : "FAIL", reserved.front(), reserved.back(), firstStep[2]);
  ok &= backToBaseline;

  // A LoRA merged and taken out.
  {
    auto m = pipeline::loadSdxlModel(file, torch::kCUDA, torch::kHalf, Offload::None, {});
    std::map<std::string, at::Tensor> before;
    for (const auto& p : m->unet->named_parameters(true)) before[p.key()] = p.value().clone();
    std::vector<double> apply, remove;
    for (int i = 0; i < 3; ++i) {
      auto t = std::chrono::steady_clock::now();
      m->loras.apply(*m, {{argv[3], 0.8, 0.8}});
      synchronizeDevice();
      apply.push_back(since(t));
      t = std::chrono::steady_clock::now();
      m->loras.apply(*m, {});
      synchronizeDevice();
      remove.push_back(since(t));
    }
    int differ = 0;
    for (const auto& p : m->unet->named_parameters(true)) differ += torch::equal(p.value(), before[p.key()]) ? 0 : 1;
    out["lora_apply_s"] = apply;
    out["lora_remove_s"] = remove;
    out["lora_bytes"] = std::filesystem::file_size(argv[3]);
    const bool exact = differ == 0;
    std::printf("%s LoRA of %.0f MB: apply %.3f s, remove %.3f s (the last of 3); %d weights differ after\n",
                exact ? "ok  " : "FAIL", std::filesystem::file_size(argv[3]) / 1e6, apply.back(), remove.back(), differ);
    ok &= exact;
  }
  std::cout << out.dump() << "\n";
  return ok ? 0 : 1;
}
