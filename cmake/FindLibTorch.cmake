# LibTorch from the project's virtual environment (the PyPI torch wheel, pinned in
# requirements.txt to the GPU machine's version). Defines the target sdxl::torch and
# SDXL_WITH_CUDA.
#
# Two ways in, on purpose:
# - With CUDA (SDXL_CUDA=ON, or AUTO and a CUDA compiler is found): torch's own TorchConfig,
#   which needs the CUDA toolkit at configure time and links libtorch_cuda.
# - Without: libtorch_cpu + libc10 only. TorchConfig would demand a CUDA toolkit that a
#   CPU-only machine lacks, and this also lets a CPU-only package leave the CUDA libraries out.
set(SDXL_PYTHON "${PROJECT_SOURCE_DIR}/.venv/bin/python3" CACHE STRING
    "Python interpreter of the environment that holds the torch wheel")

if(NOT IS_ABSOLUTE "${SDXL_PYTHON}")
  find_program(_sdxl_python_path "${SDXL_PYTHON}" REQUIRED)
  set(SDXL_PYTHON "${_sdxl_python_path}" CACHE STRING "" FORCE)
endif()
if(NOT SDXL_TORCH_PREFIX)
  if(NOT EXISTS "${SDXL_PYTHON}")
    message(FATAL_ERROR "No Python at ${SDXL_PYTHON}. Run scripts/test or scripts/studio once "
                        "(they create the virtual environment), or set -DSDXL_PYTHON=...")
  endif()
  execute_process(
    COMMAND "${SDXL_PYTHON}" -c "import os, torch; print(os.path.dirname(torch.__file__)); print(torch.__version__)"
    OUTPUT_VARIABLE _torch_out RESULT_VARIABLE _torch_rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _torch_rc EQUAL 0)
    message(FATAL_ERROR "torch is not importable by ${SDXL_PYTHON}; run scripts/test once to install it")
  endif()
  string(REPLACE "\n" ";" _torch_out "${_torch_out}")
  list(GET _torch_out 0 _prefix)
  list(GET _torch_out 1 _version)
  set(SDXL_TORCH_PREFIX "${_prefix}" CACHE PATH "Root of the torch package (holds include/ and lib/)")
  set(SDXL_TORCH_VERSION "${_version}" CACHE STRING "torch version found")
endif()
message(STATUS "LibTorch ${SDXL_TORCH_VERSION} at ${SDXL_TORCH_PREFIX}")

set(SDXL_WITH_CUDA OFF)
if(SDXL_CUDA STREQUAL "ON" OR SDXL_CUDA STREQUAL "AUTO")
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER AND EXISTS "${SDXL_TORCH_PREFIX}/lib/libtorch_cuda.so")
    set(SDXL_WITH_CUDA ON)
  elseif(SDXL_CUDA STREQUAL "ON")
    message(FATAL_ERROR "SDXL_CUDA=ON but no CUDA compiler or no CUDA build of LibTorch was found")
  endif()
endif()

add_library(sdxl_torch INTERFACE)
add_library(sdxl::torch ALIAS sdxl_torch)
# The torch wheel statically links parts of libstdc++ (std::filesystem among them) and exports
# them; symbols resolve in DT_NEEDED order, so without this our calls of
# std::filesystem::remove_all land in the wheel's copy and crash. Naming libstdc++ first makes
# the system's implementation win.
target_link_libraries(sdxl_torch INTERFACE -Wl,--push-state,--no-as-needed -lstdc++ -Wl,--pop-state)
if(SDXL_WITH_CUDA)
  enable_language(CUDA)
  # CUDA 13 dropped architectures below sm_75; Hopper is the target that matters.
  if(NOT CMAKE_CUDA_ARCHITECTURES OR CMAKE_CUDA_ARCHITECTURES STREQUAL "52")
    set(CMAKE_CUDA_ARCHITECTURES "80;90")
  endif()
  # Without a GPU to detect, torch's CMake would ask nvcc for every architecture it knows,
  # sm_50 included, which CUDA 13 refuses; our kernels target Ampere and Hopper.
  if(NOT DEFINED TORCH_CUDA_ARCH_LIST AND NOT DEFINED ENV{TORCH_CUDA_ARCH_LIST})
    set(TORCH_CUDA_ARCH_LIST "8.0;9.0")
  endif()
  list(APPEND CMAKE_PREFIX_PATH "${SDXL_TORCH_PREFIX}/share/cmake")
  find_package(Torch REQUIRED)
  # --no-as-needed: nothing in our code names a libtorch_cuda symbol, but the library must be
  # loaded for the CUDA backend to register itself.
  target_link_libraries(sdxl_torch INTERFACE -Wl,--no-as-needed ${TORCH_LIBRARIES} -Wl,--as-needed)
  target_compile_definitions(sdxl_torch INTERFACE SDXL_WITH_CUDA=1)
else()
  find_library(SDXL_TORCH_CPU_LIB torch_cpu PATHS "${SDXL_TORCH_PREFIX}/lib" NO_DEFAULT_PATH REQUIRED)
  find_library(SDXL_C10_LIB c10 PATHS "${SDXL_TORCH_PREFIX}/lib" NO_DEFAULT_PATH REQUIRED)
  target_include_directories(sdxl_torch SYSTEM INTERFACE
    "${SDXL_TORCH_PREFIX}/include" "${SDXL_TORCH_PREFIX}/include/torch/csrc/api/include")
  target_link_libraries(sdxl_torch INTERFACE "${SDXL_TORCH_CPU_LIB}" "${SDXL_C10_LIB}")
endif()
message(STATUS "SDXL Studio CUDA kernels: ${SDXL_WITH_CUDA}")
