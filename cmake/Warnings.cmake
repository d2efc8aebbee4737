# Interface targets for warnings and sanitizers, linked by every cpytool target.
add_library(cpy_warnings INTERFACE)
target_compile_options(cpy_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(CPY_WERROR)
  target_compile_options(cpy_warnings INTERFACE -Werror)
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
