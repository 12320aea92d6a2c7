// One function per sdxl-cli command; each returns an ExitCode (args.h).
#pragma once

#include <string>
#include <vector>

namespace sdxl::cli {

int runBench(const std::vector<std::string>& argv);
int runGenerate(const std::vector<std::string>& argv);
int runGrid(const std::vector<std::string>& argv);
int runInspect(const std::vector<std::string>& argv);
int runTokenize(const std::vector<std::string>& argv);
int runModels(const std::vector<std::string>& argv);

} // namespace sdxl::cli
