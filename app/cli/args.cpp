#include "args.h"

#include <iostream>
#include <sstream>

namespace sdxl::cli {

Args::Args(std::string command, std::string summary, std::vector<OptionSpec> specs)
    : m_command(std::move(command)), m_summary(std::move(summary)), m_specs(std::move(specs)) {}

bool Args::parse(const std::vector<std::string>& argv, std::string& error) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string arg = argv[i], inlineValue;
    bool hasInline = false;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      inlineValue = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      hasInline = true;
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : m_specs)
      if (s.name == arg) spec = &s;
    if (spec == nullptr) {
      error = "unknown option '" + arg + "' for '" + m_command + "' (see sdxl-cli " + m_command + " --help)";
      return false;
    }
    if (spec->value.empty()) {
      m_values[arg].push_back("1");
      continue;
    }
    if (hasInline) {
      m_values[arg].push_back(inlineValue);
    } else if (i + 1 < argv.size()) {
      m_values[arg].push_back(argv[++i]);
    } else {
      error = "option " + arg + " needs a value (" + spec->value + ")";
      return false;
    }
  }
  if (has("--help")) return true;
  for (const auto& s : m_specs) {
    if (s.required && !has(s.name)) {
      error = "'" + m_command + "' needs " + s.name + " " + s.value;
      return false;
    }
  }
  return true;
}

std::optional<int> Args::parseOrExit(const std::vector<std::string>& argv) {
  std::string error;
  if (!parse(argv, error)) {
    std::cerr << "sdxl-cli: " << error << "\n";
    return kExitUsage;
  }
  if (has("--help")) {
    std::cout << help();
    return kExitOk;
  }
  return std::nullopt;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
  auto it = m_values.find(name);
  return it == m_values.end() ? fallback : it->second.back(); // the last one given wins
}

std::vector<std::string> Args::all(const std::string& name) const {
  auto it = m_values.find(name);
  return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::help() const {
  std::ostringstream out;
  out << "usage: sdxl-cli " << m_command << " [options]\n\n" << m_summary << "\n\noptions:\n";
  for (const auto& s : m_specs) {
    std::string left = "  " + s.name + (s.value.empty() ? "" : " " + s.value);
    if (left.size() < 28) left.append(28 - left.size(), ' ');
    else left += "\n" + std::string(28, ' ');
    out << left << s.help << (s.required ? " (required)" : "") << "\n";
  }
  return out.str();
}

} // namespace sdxl::cli
