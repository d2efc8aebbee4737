#!/usr/bin/env bash
# The main job end to end on this machine, no hardware, no internet: build cpytool (Release) and use it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh

build_dir=${BUILD_DIR:-build/release}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCPY_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
cpytool="$PWD/$build_dir/cli/cpytool"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
step "cpytool --version"
"$cpytool" --version
step "cpytool --help"
"$cpytool" --help
