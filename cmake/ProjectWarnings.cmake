# One place for warning flags. Third-party headers (LibTorch, Qt) come in as SYSTEM includes
# through their imported targets, so -Wall -Wextra applies to our code only.
add_library(sdxl_warnings INTERFACE)
target_compile_options(sdxl_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wno-unused-parameter>)
option(SDXL_WERROR "Treat warnings as errors" OFF)
if(SDXL_WERROR)
  target_compile_options(sdxl_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
endif()
