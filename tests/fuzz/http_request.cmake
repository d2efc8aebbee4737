# The web workflow's HTTP request parser and path mapping; seeds are a few requests (first byte: split point).
cpy_add_fuzzer(fuzz_http_request ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_http_request.cpp LIBS cpy_firmware
               SEEDS ${CMAKE_CURRENT_SOURCE_DIR}/http_seeds)
