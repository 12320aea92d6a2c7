#include "args.h"
#include "commands.h"

#include "sdxl/clip_tokenizer.h"

#include <iostream>

namespace sdxl::cli {

int runTokenize(const std::vector<std::string>& argv) {
  Args args("tokenize", "Shows how a CLIP tokenizer folder splits a prompt, with ids, and where truncation starts.",
            {{"--tokenizer", "DIR", "a tokenizer folder (vocab.json, merges.txt), e.g. MODEL/tokenizer", true},
             {"--prompt", "TEXT", "the prompt", true},
             {"--help", "", "show this help"}});
  if (auto exit = args.parseOrExit(argv)) return *exit;
  const auto tokenizer = ClipTokenizer::fromFolder(args.get("--tokenizer"));
  const auto prompt = args.get("--prompt");
  const auto pieces = tokenizer->tokenStrings(prompt);
  const auto ids = tokenizer->tokenize(prompt);
  const auto encoded = tokenizer->encode(prompt);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (static_cast<int>(i) == encoded.keptTokens) std::cout << "---- truncated from here (the model sees "
                                                             << encoded.keptTokens << " tokens) ----\n";
    std::cout << i + 1 << "\t" << ids[i] << "\t" << pieces[i] << "\n";
  }
  std::cout << "tokens: " << encoded.tokenCount << " of " << tokenizer->maxLength() - 2 << "\n";
  return kExitOk;
}

} // namespace sdxl::cli
