// sdxl-cli: the SDXL Studio pipeline without a GUI. Links the core only, so it builds where
// Qt is absent (the GPU machine).
#include "args.h"
#include "commands.h"

#include "sdxl/error.h"
#include "sdxl/version.h"

#include <cstring>
#include <iostream>

namespace {

const char* kUsage = R"(usage: sdxl-cli COMMAND [options]

commands:
  generate    make images from a prompt with a model folder or the built-in benchmark model
  grid        an X/Y/Z grid with each cell's latency and memory, as JSON and images the studio opens
  bench       time configurations of the optimization switches (the seed article's protocol)
  inspect     what is in a model folder: components, weight files, dtypes, sizes, what is missing
  tokenize    how a prompt is read: weights, tags, and the chunks of 75 tokens the encoders see
  models      the models, VAEs and LoRAs of a models folder, read from their headers

  sdxl-cli COMMAND --help   options of one command
  sdxl-cli --version        versions of SDXL Studio, LibTorch and the compute device

exit codes: 0 success, 1 the work failed, 2 bad command line, 3 interrupted
)";

} // namespace

int main(int argc, char** argv) {
  using namespace sdxl::cli;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::cout << kUsage;
    return argc < 2 ? kExitUsage : kExitOk;
  }
  const std::string command = argv[1];
  if (command == "--version") {
    std::cout << "sdxl-cli " << sdxl::studioVersion() << "\nLibTorch " << sdxl::torchVersion() << "\n"
              << sdxl::computeDescription() << "\n";
    return kExitOk;
  }
  const std::vector<std::string> rest(argv + 2, argv + argc);
  try {
    if (command == "generate") return runGenerate(rest);
    if (command == "grid") return runGrid(rest);
    if (command == "bench") return runBench(rest);
    if (command == "inspect") return runInspect(rest);
    if (command == "tokenize") return runTokenize(rest);
    if (command == "models") return runModels(rest);
  } catch (const sdxl::Error& e) {
    std::cerr << "sdxl-cli: " << e.what() << "\n";
    return e.kind() == sdxl::ErrorKind::Cancelled ? kExitCancelled
           : e.kind() == sdxl::ErrorKind::InvalidRequest ? kExitUsage : kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "sdxl-cli: unexpected error: " << e.what() << "\n";
    return kExitFailure;
  }
  std::cerr << "sdxl-cli: unknown command '" << command << "'\n\n" << kUsage;
  return kExitUsage;
}
