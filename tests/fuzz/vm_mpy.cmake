# The VM fuzzer: mutated .mpy files go through the loader and, if accepted, run with a 64 kB heap and a
# bounded number of interrupt polls. Seeds are the golden corpus; crashes found are kept in
# regressions/fuzz_vm_mpy/.
cpy_add_fuzzer(fuzz_vm_mpy ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_vm_mpy.cpp LIBS cpy_firmware
               SEEDS ${PROJECT_SOURCE_DIR}/../shared/corpus/train)
