#!/usr/bin/env bash
# The main job end to end on this machine, no hardware, no internet: build cpytool (Release), build a library
# bundle from examples/libs, serve it on loopback like GitHub releases, start the virtual board, install a
# library onto its CIRCUITPY drive, and watch the board run code that uses it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh

if [[ -n "${CPYTOOL:-}" ]]; then
  cpytool=$(realpath "$CPYTOOL")  # a binary you built already
else
  build_dir=${BUILD_DIR:-build/release}
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCPY_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build_dir" -j "$(nproc)"
  cpytool="$PWD/$build_dir/cli/cpytool"
fi

work=$(mktemp -d /tmp/cpytool-demo.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export CPYTOOL_CACHE_DIR="$work/cache" NO_COLOR=1
step() { printf '\n==> %s\n' "$*"; }
wait_for_line() {  # FILE PATTERN: wait until FILE has a line matching PATTERN, print it
  for _ in $(seq 100); do
    if grep -m1 -E "$2" "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "demo: timed out waiting for '$2' in $1" >&2
  cat "$1" >&2
  return 1
}

step "cpytool --version"
"$cpytool" --version

tag=$(date +%Y%m%d)
step "Build a library bundle from examples/libs (tag $tag)"
"$cpytool" bundle build examples/libs/* --tag "$tag" --prefix adafruit-circuitpython-bundle -o "$work/release"
ls -1 "$work/release"

step "Serve it on loopback, laid out like GitHub releases"
python3 scripts/serve-releases.py adafruit/Adafruit_CircuitPython_Bundle "$tag" "$work"/release/* > "$work/server.log" &
pids+=($!)
export CPYTOOL_GITHUB_URL=$(wait_for_line "$work/server.log" '^http://')

step "Start the virtual board"
"$cpytool" board start --drive "$work/CIRCUITPY" --board-id raspberry_pi_pico > "$work/board.log" 2>&1 &
pids+=($!)
serial=$(wait_for_line "$work/board.log" '^serial: ' | sed 's/^serial: //')
cat "$work/board.log"
cat "$work/CIRCUITPY/boot_out.txt"

step "Install neopixel (and its dependency) onto the board's drive"
"$cpytool" install --path "$work/CIRCUITPY" neopixel
"$cpytool" freeze --path "$work/CIRCUITPY"
ls -R "$work/CIRCUITPY/lib"

step "Run code that uses the library on the board, over its serial console"
cat > "$work/blink.py" <<'PY'
import board, neopixel
print("neopixel", neopixel.__version__, "on", board.board_id)
PY
"$cpytool" run --port "$serial" "$work/blink.py"
"$cpytool" --json info --port "$serial"

step "Done"
