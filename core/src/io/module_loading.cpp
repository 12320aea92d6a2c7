#include "io/module_loading.h"

#include "nn/layers.h"
#include "runtime/cancellation.h"
#include "sdxl/error.h"

#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace sdxl::io {

namespace {

std::string shapeText(at::IntArrayRef shape) {
  std::ostringstream out;
  out << "[";
  for (std::size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
  out << "]";
  return out.str();
}

std::string listSome(const std::vector<std::string>& items, std::size_t limit = 12) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) out += "\n    " + items[i];
  if (items.size() > limit) out += "\n    ... and " + std::to_string(items.size() - limit) + " more";
  return out;
}

} // namespace

void loadWeights(torch::nn::Module& module, const WeightSource& checkpoint, const std::string& component,
                 const LoadOptions& options, const std::string& origin) {
  struct Pending {
    at::Tensor target;
    std::string source;
  };
  std::vector<Pending> pending;
  std::vector<std::string> missing, misshapen, unexpected;
  std::set<std::string> used;
  uint64_t total = 0;

  // Parameters their layer stores in another order than the checkpoint (nn::CheckpointOrder).
  std::map<std::string, at::Tensor> views;
  for (const auto& m : module.named_modules("", /*include_self=*/true))
    if (const auto* order = dynamic_cast<const nn::CheckpointOrder*>(m.value().get()))
      for (const auto& p : m.value()->named_parameters(/*recurse=*/false))
        views[(m.key().empty() ? "" : m.key() + ".") + p.key()] = order->loadView(p.key(), p.value());

  auto params = module.named_parameters(true);
  auto buffers = module.named_buffers(true);
  std::vector<std::pair<std::string, at::Tensor>> targets;
  for (const auto& p : params) targets.emplace_back(p.key(), p.value());
  for (const auto& b : buffers) targets.emplace_back(b.key(), b.value());

  for (const auto& [name, target] : targets) {
    std::vector<std::string> candidates{name};
    if (options.aliases)
      for (auto& alias : options.aliases(name)) candidates.push_back(std::move(alias));
    const std::string* found = nullptr;
    for (const auto& candidate : candidates)
      if (checkpoint.contains(candidate)) {
        found = &candidate;
        break;
      }
    if (found == nullptr) {
      missing.push_back(name + " " + shapeText(target.sizes()));
      continue;
    }
    used.insert(*found);
    const auto shape = checkpoint.shape(*found);
    if (at::IntArrayRef(shape) != target.sizes()) {
      misshapen.push_back(name + ": expected " + shapeText(target.sizes()) + ", found " + shapeText(shape));
      continue;
    }
    total += checkpoint.bytes(*found);
    const auto view = views.find(name);
    pending.push_back({view == views.end() ? target : view->second, *found});
  }
  for (const auto& name : checkpoint.names())
    if (!used.count(name) && !(options.ignored && options.ignored(name))) unexpected.push_back(name);

  if (!missing.empty() || !misshapen.empty() || !unexpected.empty()) {
    // The headings are translated (ui/core_messages.cpp); the tensor names and shapes are not.
    std::vector<std::string> args{component, std::to_string(missing.size()), listSome(missing),
                                  std::to_string(misshapen.size()), listSome(misshapen),
                                  std::to_string(unexpected.size()), listSome(unexpected)};
    if (origin.empty())
      throw Error(ErrorKind::ModelFormat,
                  QT_TRANSLATE_NOOP("sdxl", "the %1 weights do not match its config.json\n  missing (%2):%3\n  wrong shape "
                                            "(%4):%5\n  unexpected (%6):%7\n  Is this folder's %1 from an SDXL-family "
                                            "model, and complete?"),
                  std::move(args));
    args.push_back(origin);
    throw Error(ErrorKind::ModelFormat,
                QT_TRANSLATE_NOOP("sdxl", "the %1 weights do not match its config.json\n  missing (%2):%3\n  wrong shape "
                                          "(%4):%5\n  unexpected (%6):%7\n  Is %8 from an SDXL-family model, and complete?"),
                std::move(args));
  }

  torch::NoGradGuard noGrad;
  uint64_t done = 0;
  for (auto& p : pending) {
    runtime::cancellationPoint();
    const auto source = checkpoint.tensor(p.source);
    p.target.copy_(source.reshape(p.target.sizes()), /*non_blocking=*/false);
    done += checkpoint.bytes(p.source);
    if (options.progress) options.progress(done, total);
  }
}

uint64_t parameterCount(const torch::nn::Module& module) {
  uint64_t n = 0;
  for (const auto& p : module.parameters(true)) n += static_cast<uint64_t>(p.numel());
  return n;
}

void checkParameterBudget(const torch::nn::Module& metaModule, const std::string& component) {
  const auto n = parameterCount(metaModule);
  if (n > kMaxComponentParameters)
    throw Error(ErrorKind::ModelFormat,
                QT_TRANSLATE_NOOP("sdxl", "the %1 config describes %2 parameters, more than any SDXL-family component (limit %3); refusing to allocate it"),
                {component, std::to_string(n), std::to_string(kMaxComponentParameters)});
}

void fillRandom(torch::nn::Module& module, uint64_t seed, torch::Device drawOn) {
  torch::NoGradGuard noGrad;
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  // On CUDA the device's default generator draws (fast); seeded here, so the benchmark model is
  // the same on every run of one device.
  if (drawOn.is_cuda()) torch::cuda::manual_seed_all(seed);
  for (const auto& p : module.named_parameters(true)) {
    runtime::cancellationPoint();
    auto t = p.value();
    const auto& name = p.key();
    const bool isBias = name.size() >= 4 && name.compare(name.size() - 4, 4, "bias") == 0;
    if (isBias) {
      t.zero_();
    } else if (t.dim() == 1) {
      t.fill_(1.0); // norm scales
    } else {
      const double std = 1.0 / std::sqrt(static_cast<double>(t.numel() / t.size(0)));
      if (t.is_cuda()) t.normal_(0.0, std);
      else if (drawOn.is_cuda()) t.copy_(at::empty(t.sizes(), t.options().device(drawOn)).normal_(0.0, std));
      else if (t.scalar_type() == at::kFloat) t.normal_(0.0, std, generator);
      else t.copy_(at::empty(t.sizes(), at::TensorOptions().dtype(at::kFloat)).normal_(0.0, std, generator));
    }
  }
}

} // namespace sdxl::io
