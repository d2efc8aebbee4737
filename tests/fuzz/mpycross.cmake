# The compiler fuzzer (lexer + parser + code generator); seeds are the corpus sources, crashes found are kept
# in regressions/fuzz_mpycross/.
cpy_add_fuzzer(fuzz_mpycross ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_mpycross.cpp LIBS cpy_mpycross cpy_mpy
               SEEDS ${PROJECT_SOURCE_DIR}/../shared/corpus/train)
