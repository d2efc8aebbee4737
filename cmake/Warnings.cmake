# Interface targets for warnings and sanitizers, linked by every cpytool target.
add_library(cpy_warnings INTERFACE)
target_compile_options(cpy_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(CPY_WERROR)
  target_compile_options(cpy_warnings INTERFACE -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12's flow-based warnings give false positives inside libstdc++ at -O2 (std::string copies);
    # they stay visible as warnings but do not fail the build.
    target_compile_options(cpy_warnings INTERFACE -Wno-error=restrict -Wno-error=stringop-overflow
                           -Wno-error=stringop-overread -Wno-error=array-bounds -Wno-error=maybe-uninitialized
                           -Wno-error=free-nonheap-object)
  endif()
endif()

add_library(cpy_sanitizers INTERFACE)
if(CPY_SANITIZE)
  target_compile_options(cpy_sanitizers INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                  -fno-sanitize-recover=undefined)
  target_link_options(cpy_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
if(CPY_FUZZ)
  # Coverage instrumentation for libFuzzer in every library the fuzz targets link.
  target_compile_options(cpy_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()
