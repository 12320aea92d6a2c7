#include "args.h"
#include "commands.h"

#include "sdxl/clip_tokenizer.h"
#include "sdxl/pipeline.h"
#include "sdxl/prompt.h"

#include <iomanip>
#include <iostream>

namespace sdxl::cli {

int runTokenize(const std::vector<std::string>& argv) {
  Args args("tokenize",
            "Shows how a prompt is read: its weighted fragments and tags (A1111's syntax), then the chunks of 75 tokens "
            "each CLIP encoder sees, every token with its id and weight.",
            {{"--tokenizer", "DIR", "a tokenizer folder (vocab.json, merges.txt), e.g. MODEL/tokenizer; default: the "
                                    "built-in one (SDXL-base's)"},
             {"--prompt", "TEXT", "the prompt", true},
             {"--help", "", "show this help"}});
  if (auto exit = args.parseOrExit(argv)) return *exit;
  const auto tokenizer = ClipTokenizer::fromFolder(args.has("--tokenizer") ? std::filesystem::path(args.get("--tokenizer"))
                                                                           : builtinTokenizerDir() / "tokenizer");
  const auto parsed = parsePrompt(args.get("--prompt"));
  std::cout << "fragments:\n";
  for (const auto& f : parsed.fragments) {
    if (f.chunkBreak) std::cout << "  BREAK\n";
    else std::cout << "  " << std::setprecision(6) << f.weight << "\t\"" << f.text << "\"\n";
  }
  for (const auto& n : parsed.networks)
    std::cout << "tag: " << n.type << " \"" << n.name << "\" text " << n.textWeight << " unet " << n.unetWeight
              << (n.problem.empty() ? "" : " (" + n.problem + ")") << "\n";
  const auto chunked = chunkPrompt(parsed, *tokenizer);
  for (std::size_t c = 0; c < chunked.chunks.size(); ++c) {
    const auto& chunk = chunked.chunks[c];
    std::cout << "chunk " << c + 1 << ": " << chunk.tokens << " of " << tokenizer->maxLength() - 2 << " tokens\n";
    for (int i = 1; i <= chunk.tokens; ++i)
      std::cout << "  " << i << "\t" << chunk.ids[static_cast<std::size_t>(i)] << "\t"
                << chunk.weights[static_cast<std::size_t>(i)] << "\t" << tokenizer->entryOf(chunk.ids[static_cast<std::size_t>(i)])
                << "\n";
  }
  std::cout << "tokens: " << chunked.tokenCount << " in " << chunked.chunks.size() << " chunk(s)\n";
  return kExitOk;
}

} // namespace sdxl::cli
