# ccache when present. The precompiled torch header is only cacheable with these sloppiness
# settings (ccache documents them for PCH). They go through `env` on the launcher's command
# line (Debian 12's ccache 4.7 has no key=value arguments), so the user's own ccache
# configuration stays untouched. CCACHE_BASEDIR makes a fresh clone (CI) hit the same cache.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      env "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
          "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" "${CCACHE_PROGRAM}")
  set(CMAKE_CUDA_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()
