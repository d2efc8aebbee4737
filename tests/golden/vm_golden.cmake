# VM golden tests (issue 6, firmware/vm): every runnable corpus program's official .mpy is run in our VM and
# compared with NAME.exp, one CTest case per program; known failures live in vm_known_failures.txt.
# Included from tests/golden/CMakeLists.txt.
add_executable(vm_golden_run ${CMAKE_CURRENT_LIST_DIR}/vm_golden_run.cpp)
target_link_libraries(vm_golden_run PRIVATE cpy_firmware cpy_warnings)
set(CPY_VM_CORPUS ${PROJECT_SOURCE_DIR}/../shared/corpus/train)
set(CPY_VM_KNOWN ${CMAKE_CURRENT_LIST_DIR}/vm_known_failures.txt)
file(GLOB cpy_vm_exps CONFIGURE_DEPENDS ${CPY_VM_CORPUS}/*.exp)
foreach(exp IN LISTS cpy_vm_exps)
  get_filename_component(name ${exp} NAME)
  string(REGEX REPLACE "\\.exp$" "" name ${name})
  if(EXISTS ${CPY_VM_CORPUS}/${name}.mpy)
    add_test(NAME vm_golden/${name} COMMAND vm_golden_run --check ${CPY_VM_CORPUS} ${name} ${CPY_VM_KNOWN})
    set_tests_properties(vm_golden/${name} PROPERTIES LABELS "golden;vm" TIMEOUT 60)
  endif()
  # The same program from source, compiled by our mpycross (the -O variants' .exp need the VM's own -O level).
  if(EXISTS ${CPY_VM_CORPUS}/${name}.py AND NOT name MATCHES "\\.O[0-9]$")
    add_test(NAME vm_source/${name} COMMAND vm_golden_run --check ${CPY_VM_CORPUS} ${name} ${CPY_VM_KNOWN})
    set_tests_properties(vm_source/${name} PROPERTIES LABELS "golden;vm" TIMEOUT 60 ENVIRONMENT CPY_VM_FROM_SOURCE=1)
  endif()
endforeach()

# Our own VM tests in the MicroPython style (tests/vm/NAME.py, NAME.exp from the WebAssembly oracle via
# tests/vm/make_exp.py), run from source; known failures in tests/vm/known_failures.txt.
set(CPY_VM_TESTS ${PROJECT_SOURCE_DIR}/tests/vm)
file(GLOB cpy_vm_test_exps CONFIGURE_DEPENDS ${CPY_VM_TESTS}/*.exp)
foreach(exp IN LISTS cpy_vm_test_exps)
  get_filename_component(name ${exp} NAME_WE)
  add_test(NAME vm_tests/${name}
           COMMAND vm_golden_run --check ${CPY_VM_TESTS} ${name} ${CPY_VM_TESTS}/known_failures.txt)
  set_tests_properties(vm_tests/${name} PROPERTIES LABELS "vm" TIMEOUT 60 ENVIRONMENT CPY_VM_FROM_SOURCE=1)
endforeach()
