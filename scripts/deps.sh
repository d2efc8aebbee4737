#!/usr/bin/env bash
# Installs the Debian packages cpytool needs (only those missing) and, with --test, the npm test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config git python3 nodejs npm
          libcli11-dev libspdlog-dev libfmt-dev doctest-dev libcurl4-openssl-dev libzip-dev
          libusb-1.0-0-dev nlohmann-json3-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(clang)
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# nodejs/npm may come from outside Debian (e.g. a preinstalled Node): accept working commands.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do [[ "$pkg" == nodejs || "$pkg" == npm ]] || filtered+=("$pkg"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ "${1:-}" == "--test" ]]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
