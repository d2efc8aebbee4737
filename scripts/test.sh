#!/usr/bin/env bash
# Installs what is missing, builds, and runs every CTest test (unit, golden, end-to-end, short fuzz runs).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh --test

build_dir=${BUILD_DIR:-build/test}
jobs=${JOBS:-$(nproc)}
werror=OFF
[[ -n "${CI:-}" ]] && werror=ON

fuzz_args=()
if command -v clang++ >/dev/null; then
  # libFuzzer needs clang: a separate ASan+UBSan build (fuzzers, parser unit tests) whose tests join the main run.
  cmake -S . -B "$build_dir-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DCPY_FUZZ=ON -DCPY_SANITIZE=ON -DCPY_FUZZ_SECONDS="${FUZZ_SECONDS:-60}" >/dev/null
  cmake --build "$build_dir-fuzz" -j "$jobs" --target fuzzers sanitized
  fuzz_args=(-DCPY_FUZZ_BUILD_DIR="$PWD/$build_dir-fuzz")
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCPY_WERROR=$werror "${fuzz_args[@]}"
cmake --build "$build_dir" -j "$jobs"
# End-to-end tests drive real processes and pseudo-terminals under load: one retry before a failure counts.
# The fuzz runs keep every core busy for a minute, so they run last, on their own, after everything else.
status=0
logs="$build_dir/Testing/Temporary"
ctest --test-dir "$build_dir" -j "$jobs" --output-on-failure --timeout 900 --repeat until-pass:2 -LE fuzz \
      -O "$logs/main.log" "$@" || status=$?
ctest --test-dir "$build_dir" -j "$jobs" --output-on-failure --timeout 900 -L fuzz -O "$logs/fuzz.log" "$@" || status=$?
if [[ $status -ne 0 ]]; then
  # CI logs keep only the head and the tail: repeat the verdicts of failed tests here, at the end.
  echo "---- failure summary ----"
  grep -h -E "SUMMARY: |==ERROR|ERROR: libFuzzer|AssertionError|^(FAIL|ERROR): |Failed|Timeout" \
       "$logs/main.log" "$logs/fuzz.log" 2>/dev/null | tail -60 || true
fi
exit $status
