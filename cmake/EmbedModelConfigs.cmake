# Writes a C++ source that holds every JSON file under resources/models/ as a string, so the
# built-in benchmark model needs no file at run time. Usage:
#   cmake -DSRC=<resources/models> -DOUT=<file.cpp> -P EmbedModelConfigs.cmake
file(GLOB_RECURSE _files RELATIVE "${SRC}" "${SRC}/*.json")
list(SORT _files)
set(_body "// Generated from resources/models by cmake/EmbedModelConfigs.cmake. Do not edit.\n")
string(APPEND _body "#include \"io/builtin_configs.h\"\n\nnamespace sdxl::io {\n\n")
string(APPEND _body "const std::map<std::string, std::string>& builtinConfigFiles() {\n")
string(APPEND _body "  static const std::map<std::string, std::string> files = {\n")
foreach(_f IN LISTS _files)
  file(READ "${SRC}/${_f}" _text)
  string(APPEND _body "    {\"${_f}\", R\"json_(${_text})json_\"},\n")
endforeach()
string(APPEND _body "  };\n  return files;\n}\n\n} // namespace sdxl::io\n")
file(WRITE "${OUT}.tmp" "${_body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
