#include "runtime/unet_graph.h"

#include "runtime/cancellation.h"

#include "sdxl/error.h"

#include <algorithm>
#include <chrono>
#include <map>

#ifdef SDXL_WITH_CUDA
#include <ATen/cuda/CUDAEvent.h>
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace sdxl::runtime {

#ifdef SDXL_WITH_CUDA
// One captured step. The step cache's full and reusing steps are two of these for the same shapes
// (each with its own inputs and memory pool; they share only the cache's features, which live
// outside both), so alternating between them replays instead of capturing again.
struct Captured {
  std::unique_ptr<at::cuda::CUDAGraph> graph;
  at::Tensor sample, timestep, context, pooled, timeIds, output;
  nn::CrossAttentionKV crossKV; // static copies of the request's cross-attention K and V
  const void* features = nullptr; // the step cache's features the graph writes or reads
};
struct UNetGraph::Impl {
  // The graphs of the last two keys (shapes, dtype, attention path, weight generation): the
  // guidance cut-off alternates between the guided batch and its positive half every request.
  using Graphs = std::map<int, Captured>; // 0: no step cache, 1: full step, 2: reusing step
  std::vector<std::pair<std::vector<int64_t>, Graphs>> byKey; // most recent last
};
bool UNetGraph::supported() { return true; }
#else
struct UNetGraph::Impl {};
bool UNetGraph::supported() { return false; }
#endif

UNetGraph::UNetGraph() : m_impl(std::make_unique<Impl>()) {}
UNetGraph::~UNetGraph() = default;
void UNetGraph::reset() {
  m_impl = std::make_unique<Impl>();
  m_stepCaches.clear();
}

nn::StepCache& UNetGraph::stepCache(int64_t batch) {
  if (!m_stepCaches.count(batch) && m_stepCaches.size() >= 2) m_stepCaches.clear(); // another image count
  return m_stepCaches[batch];
}

void UNetGraph::startPass() {
  for (auto& [batch, cache] : m_stepCaches) cache.fresh = false;
}

at::Tensor UNetGraph::run(nn::UNet2DConditionModel& unet, const at::Tensor& sample, const at::Tensor& timestep,
                          const at::Tensor& context, const at::Tensor& pooled, const at::Tensor& timeIds,
                          const nn::ForwardOptions& fwd, uint64_t weightGeneration) {
#ifdef SDXL_WITH_CUDA
  std::vector<int64_t> key = sample.sizes().vec();
  for (const auto* t : {&context, &pooled, &timeIds})
    key.insert(key.end(), t->sizes().begin(), t->sizes().end());
  key.push_back(static_cast<int64_t>(sample.scalar_type()));
  key.push_back(static_cast<int64_t>(fwd.attention));
  key.push_back(static_cast<int64_t>(weightGeneration));
  key.push_back(fwd.crossKV ? static_cast<int64_t>(fwd.crossKV->layers.size()) : -1);
  key.push_back(fwd.crossKV ? fwd.crossKV->zeroRows : -1);
  key.push_back(fwd.fp8 ? 1 : 0);
  auto& held = m_impl->byKey;
  auto found = std::find_if(held.begin(), held.end(), [&](const auto& e) { return e.first == key; });
  if (found == held.end()) {
    // Other weights make every graph stale; other shapes keep the previous key's graphs.
    const auto sameWeights = [&](const std::vector<int64_t>& k) { // dtype, attention, weights, FP8
      const std::size_t n = key.size();
      return k.size() == n && k[n - 6] == key[n - 6] && k[n - 5] == key[n - 5] && k[n - 4] == key[n - 4] &&
             k[n - 1] == key[n - 1];
    };
    held.erase(std::remove_if(held.begin(), held.end(), [&](const auto& e) { return !sameWeights(e.first); }),
               held.end());
    if (held.size() >= 2) held.erase(held.begin());
    held.emplace_back(key, Impl::Graphs{});
    found = held.end() - 1;
  } else if (found != held.end() - 1) {
    std::rotate(found, found + 1, held.end());
    found = held.end() - 1;
  }
  const int mode = fwd.stepCache ? (fwd.stepCache->reuse ? 2 : 1) : 0;
  auto& g = found->second[mode];
  const bool layersHeld = !fwd.crossKV || std::all_of(fwd.crossKV->layers.begin(), fwd.crossKV->layers.end(),
                                                      [&](const auto& e) { return g.crossKV.layers.count(e.first) > 0; });
  // A graph replays the addresses it was captured with: features reallocated since (another
  // batch, a fallback) would be written or read where they no longer are.
  auto features = [&]() -> const void* {
    return fwd.stepCache && fwd.stepCache->features.defined() ? fwd.stepCache->features.data_ptr() : nullptr;
  };
  if (!g.graph || !layersHeld || (mode != 0 && features() != g.features)) {
    const auto start = std::chrono::steady_clock::now();
    g.graph.reset();
    g.output = at::Tensor();
    g.sample = sample.clone();
    g.timestep = timestep.to(sample.device(), at::kFloat).reshape({}).clone();
    g.context = context.clone();
    g.pooled = pooled.clone();
    g.timeIds = timeIds.clone();
    auto captureFwd = fwd;
    g.crossKV = {};
    if (fwd.crossKV) {
      g.crossKV.id = fwd.crossKV->id;
      g.crossKV.zeroRows = fwd.crossKV->zeroRows;
      for (const auto& [layer, kv] : fwd.crossKV->layers) g.crossKV.layers[layer] = {kv.first.clone(), kv.second.clone()};
      captureFwd.crossKV = &g.crossKV;
    }
    // Warm up on a side stream first (cuDNN picks its algorithms, cuBLAS makes its workspace),
    // as CUDA graph capture requires, then capture on that stream. A full step's warm-up also
    // allocates the step cache's features, so the capture only writes into them.
    auto side = c10::cuda::getStreamFromPool(false, sample.device().index());
    auto current = c10::cuda::getCurrentCUDAStream(sample.device().index());
    at::cuda::CUDAEvent inputsReady;
    inputsReady.record(current);
    inputsReady.block(side);
    {
      c10::cuda::CUDAStreamGuard guard(side);
      for (int i = 0; i < 2; ++i) unet(g.sample, g.timestep, g.context, g.pooled, g.timeIds, captureFwd);
      g.graph = std::make_unique<at::cuda::CUDAGraph>();
      CancellationPause uncancellable; // a throw would leave the stream capturing
      // Thread-local capture: the UI thread may query memory (cudaMemGetInfo) meanwhile.
      g.graph->capture_begin({0, 0}, cudaStreamCaptureModeThreadLocal);
      g.output = unet(g.sample, g.timestep, g.context, g.pooled, g.timeIds, captureFwd);
      g.graph->capture_end();
    }
    g.features = features(); // a full step's warm-up allocated them, when they were not there

    at::cuda::CUDAEvent captured;
    captured.record(side);
    captured.block(current);
    m_captureSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++m_captures;
  }
  g.sample.copy_(sample);
  g.timestep.copy_(timestep.reshape({}));
  g.context.copy_(context);
  g.pooled.copy_(pooled);
  g.timeIds.copy_(timeIds);
  if (fwd.crossKV && fwd.crossKV->id != g.crossKV.id) { // a new request's text: once, not every step
    for (const auto& [layer, kv] : fwd.crossKV->layers) {
      auto& held = g.crossKV.layers.at(layer); // layersHeld above
      held.first.copy_(kv.first);
      held.second.copy_(kv.second);
    }
    g.crossKV.id = fwd.crossKV->id;
  }
  g.graph->replay();
  return g.output;
#else
  (void)unet, (void)sample, (void)timestep, (void)context, (void)pooled, (void)timeIds, (void)fwd, (void)weightGeneration;
  throw Error(ErrorKind::InvalidRequest, "compile (CUDA graphs) needs a CUDA build and device");
#endif
}

} // namespace sdxl::runtime
