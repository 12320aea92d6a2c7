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
  Args args("inspect", "Reports what a diffusers-format SDXL folder holds and what is missing, without loading weights.",
            {{"--model", "DIR", "the model folder (the one holding model_index.json)", true},
             {"--variant", "NAME", "weight variant preferred where several exist (default fp16; '' for none)"},
             {"--help", "", "show this help"}});
  if (auto exit = args.parseOrExit(argv)) return *exit;
  const auto report = inspectModelFolder(args.get("--model"), args.get("--variant", "fp16"));
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
