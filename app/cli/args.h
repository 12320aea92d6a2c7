// A small, strict command-line parser for sdxl-cli: every option is declared with its help
// text, unknown options are errors, and --help prints what was declared (one source of truth).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sdxl::cli {

// Exit codes scripts can rely on (documented in --help and the man page).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,    // the work failed (model error, I/O, out of memory)
  kExitUsage = 2,      // the command line is wrong
  kExitCancelled = 3,  // interrupted (Ctrl+C)
};

struct OptionSpec {
  std::string name;    // "--model"
  std::string value;   // "DIR" ; empty for a flag
  std::string help;
  bool required = false;
};

class Args {
public:
  Args(std::string command, std::string summary, std::vector<OptionSpec> specs);
  // Returns false and fills error on a bad command line.
  bool parse(const std::vector<std::string>& argv, std::string& error);
  // parse(), then: on a bad command line prints the error and returns kExitUsage; on --help
  // prints the help and returns kExitOk; otherwise returns nullopt and the command goes on.
  std::optional<int> parseOrExit(const std::vector<std::string>& argv);
  bool has(const std::string& name) const { return m_values.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const;
  std::vector<std::string> all(const std::string& name) const; // an option given several times
  std::string help() const;

private:
  std::string m_command, m_summary;
  std::vector<OptionSpec> m_specs;
  std::map<std::string, std::vector<std::string>> m_values;
};

} // namespace sdxl::cli
