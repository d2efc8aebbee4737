# The .mpy reader fuzzer; seeds are the golden corpus (read in place), crashes found are kept in
# regressions/fuzz_mpy_reader/.
cpy_add_fuzzer(fuzz_mpy_reader ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_mpy_reader.cpp LIBS cpy_mpy
               SEEDS ${PROJECT_SOURCE_DIR}/../shared/corpus/train)
