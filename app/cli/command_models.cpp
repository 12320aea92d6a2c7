#include "args.h"
#include "commands.h"

#include "sdxl/model_library.h"

#include <cstdio>
#include <iostream>

namespace sdxl::cli {

int runModels(const std::vector<std::string>& argv) {
  Args args("models",
            "Lists the models, VAEs and LoRAs of a models folder (any subfolders too), read from their headers: what "
            "each is, its precision, size and A1111's short hash, and why it cannot be used where it cannot.",
            {{"--models", "DIR", "the models folder (default: " + defaultModelsFolder().string() + ")"},
             {"--help", "", "show this help"}});
  if (auto exit = args.parseOrExit(argv)) return *exit;
  const std::filesystem::path dir = args.get("--models", defaultModelsFolder().string());
  if (!std::filesystem::is_directory(dir)) {
    std::cerr << "sdxl-cli: " << dir.string() << " is not a folder; put your .safetensors models there, or name "
              << "another with --models\n";
    return kExitFailure;
  }
  const char* kinds[] = {"model", "vae", "lora", "other"};
  const auto entries = scanModelLibrary(dir);
  for (const auto& e : entries) {
    char size[32];
    std::snprintf(size, sizeof size, "%.2f GB", static_cast<double>(e.bytes) / 1e9);
    std::cout << kinds[static_cast<int>(e.kind)] << "\t" << e.name << "\t" << (e.precision.empty() ? "-" : e.precision)
              << "\t" << size << "\t" << (e.hash.empty() ? "-" : e.hash) << "\t" << e.description << "\t"
              << std::filesystem::relative(e.path, dir).string() << "\n";
    for (const auto& p : e.problems) std::cout << "\t! " << p << "\n";
  }
  std::cout << entries.size() << " entries in " << dir.string() << "\n";
  return kExitOk;
}

} // namespace sdxl::cli
