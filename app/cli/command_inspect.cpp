#include "args.h"
#include "commands.h"

#include "sdxl/model_source.h"

#include <cstdio>
#include <iostream>

namespace sdxl::cli {

namespace {
std::string humanBytes(uint64_t bytes) {
  char text[32];
  if (bytes >= (1ull << 30)) std::snprintf(text, sizeof text, "%.2f GiB", static_cast<double>(bytes) / (1ull << 30));
  else std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1ull << 20));
  return text;
}
} // namespace

int runInspect(const std::vector<std::string>& argv) {
  Args args("inspect",
            "Reports what a model is and whether it can be used, without loading weights: a diffusers folder's "
            "components and what is missing, or what a single .safetensors file is (read from its header).",
            {{"--model", "DIR|FILE", "a model folder (the one holding model_index.json) or a .safetensors file", true},
             {"--variant", "NAME", "weight variant preferred where several exist (default fp16; '' for none)"},
             {"--help", "", "show this help"}});
  if (auto exit = args.parseOrExit(argv)) return *exit;
  const std::filesystem::path model = args.get("--model");
  if (std::filesystem::is_regular_file(model)) {
    const auto file = inspectCheckpointFile(model);
    std::cout << "file:   " << file.file.string() << "\n";
    if (!file.description.empty()) std::cout << "what:   " << file.description << "\n";
    if (file.bytes) std::cout << "size   " << humanBytes(file.bytes) << "\n";
    if (file.parameters) {
      std::cout << "params " << file.parameters << " (";
      bool first = true;
      for (const auto& [dtype, n] : file.dtypes) {
        std::cout << (first ? "" : ", ") << dtype << " " << n;
        first = false;
      }
      std::cout << ")\n";
    }
    for (const auto& p : file.problems) std::cout << "  !    " << p << "\n";
    std::cout << "\n" << (file.usable() ? "usable: yes" : "usable: no") << "\n";
    return file.usable() ? kExitOk : kExitFailure;
  }
  const auto report = inspectModelFolder(model, args.get("--variant", "fp16"));
  std::cout << "model folder: " << report.dir.string() << "\n";
  if (!report.pipelineClass.empty()) std::cout << "pipeline:     " << report.pipelineClass << "\n";
  for (const auto& c : report.components) {
    std::cout << "\n" << c.name << (c.className.empty() ? "" : " (" + c.className + ")") << ": "
              << (c.problems.empty() ? "ok" : "PROBLEM") << "\n";
    for (const auto& f : c.files) std::cout << "  file   " << f << "\n";
    if (c.bytes) std::cout << "  size   " << humanBytes(c.bytes) << "\n";
    if (c.parameters) {
      std::cout << "  params " << c.parameters << " (";
      bool first = true;
      for (const auto& [dtype, n] : c.dtypes) {
        std::cout << (first ? "" : ", ") << dtype << " " << n;
        first = false;
      }
      std::cout << ")\n";
    }
    for (const auto& p : c.problems) std::cout << "  !      " << p << "\n";
  }
  std::cout << "\n" << (report.usable() ? "usable: yes" : "usable: no") << "\n";
  return report.usable() ? kExitOk : kExitFailure;
}

} // namespace sdxl::cli
