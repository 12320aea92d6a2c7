// GPU check of long prompts: a weighted prompt of more than 300 tokens with BREAK, on the
// full-size built-in model (random weights of SDXL-base's architecture), 1024x1024. Compiled
// with cached K/V and cached prompt embeddings it must match the eager run to fp16 rounding
// (the cross-attention then has 77 k keys: past the few-keys kernel's 128, SDPA's path), and its
// context must hold every chunk. Exits 1 otherwise.
//   sdxl_gpu_prompt_check
#include "sdxl/pipeline.h"
#include "sdxl/prompt.h"

#include <torch/torch.h>

#include <cstdio>

using namespace sdxl;

int main() {
  if (!torch::cuda::is_available()) {
    std::fprintf(stderr, "needs a CUDA device\n");
    return 2;
  }
  std::string prompt = "(masterpiece:1.2), ((best quality)), a lighthouse on a cliff BREAK ";
  for (int i = 0; i < 40; ++i) prompt += "[stormy] sea with (tall waves:1.1) and rain, ";
  const auto tokenizer = ClipTokenizer::fromFolder(builtinTokenizerDir() / "tokenizer");
  const auto chunked = chunkPrompt(parsePrompt(prompt), *tokenizer);
  bool ok = chunked.tokenCount > 300;
  std::printf("%s the prompt has %d tokens in %zu chunks\n", ok ? "ok  " : "FAIL", chunked.tokenCount,
              chunked.chunks.size());
  Pipeline pipeline(ModelSource::parse("builtin"), "cuda");
  GenerationRequest r;
  r.prompt = prompt;
  r.negativePrompt = "blurry, low quality";
  r.steps = 4;
  r.images = 2;
  r.seed = 9;
  r.optimizations.precision = Precision::FP16;
  const auto eager = *pipeline.generate(r).finalLatents;
  r.optimizations.compile = true;
  r.optimizations.cachePromptEmbeddings = true;
  const auto compiled = *pipeline.generate(r).finalLatents;
  const auto again = *pipeline.generate(r).finalLatents; // embeddings from the cache, the graph replayed
  const double rel = ((compiled - eager).norm() / eager.norm()).item<double>();
  const double relAgain = ((again - compiled).norm() / compiled.norm()).item<double>();
  const bool finite = torch::isfinite(compiled).all().item<bool>();
  const bool same = rel < 2e-2 && relAgain == 0 && finite;
  std::printf("%s 1024x1024, %zu chunks: compiled + cached vs eager %.3e (<= 2e-2), cached again %.3e (0)\n",
              same ? "ok  " : "FAIL", chunked.chunks.size(), rel, relAgain);
  return ok && same ? 0 : 1;
}
