# Semantic oracle tests of the compiler (issue 5): our .mpy run in the MicroPython WebAssembly VM must print the
# corpus .exp (oracle_mpycross) or what the VM prints for the source itself (oracle_mpycross_programs, the
# beyond-corpus programs of tests/compiler/); rejected programs must get the VM compiler's message and line
# (oracle_mpycross_errors, tests/compiler/syntax_errors.txt). Skipped (exit 77) when node or the VM's node_modules are missing.
# Included from tests/golden/CMakeLists.txt.
find_program(CPY_NODE node)
set(cpy_oracle_script ${CMAKE_CURRENT_LIST_DIR}/mpycross_oracle.mjs)
set(cpy_oracle_known ${CMAKE_CURRENT_LIST_DIR}/mpycross_oracle_known.txt)
if(CPY_NODE)
  set(cpy_oracle_node ${CPY_NODE})
else()
  set(cpy_oracle_node sh -c "echo 'SKIP: node not found'; exit 77" --)
endif()
add_test(NAME oracle_mpycross
         COMMAND ${cpy_oracle_node} ${cpy_oracle_script} --mpy-cross=$<TARGET_FILE:mpy-cross>
                 --corpus=${PROJECT_SOURCE_DIR}/../shared/corpus/train --known=${cpy_oracle_known})
add_test(NAME oracle_mpycross_programs
         COMMAND ${cpy_oracle_node} ${cpy_oracle_script} --mpy-cross=$<TARGET_FILE:mpy-cross>
                 --sources=${PROJECT_SOURCE_DIR}/tests/compiler --known=${cpy_oracle_known})
add_test(NAME oracle_mpycross_errors
         COMMAND ${cpy_oracle_node} ${cpy_oracle_script} --mpy-cross=$<TARGET_FILE:mpy-cross>
                 --errors=${PROJECT_SOURCE_DIR}/tests/compiler/syntax_errors.txt --known=${cpy_oracle_known})
set_tests_properties(oracle_mpycross oracle_mpycross_programs oracle_mpycross_errors PROPERTIES LABELS golden SKIP_RETURN_CODE 77
                     TIMEOUT 1500)
