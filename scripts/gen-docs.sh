#!/usr/bin/env bash
# Regenerates what is derived from the command table: completions/ and the reference in docs/cli.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cpytool=${CPYTOOL:-build/test/cli/cpytool}
"$cpytool" completions bash > completions/cpytool.bash
"$cpytool" completions zsh > completions/_cpytool
"$cpytool" completions fish > completions/cpytool.fish
python3 - "$cpytool" <<'PY'
import subprocess, sys
ref = subprocess.run([sys.argv[1], "completions", "markdown"], check=True, capture_output=True, text=True).stdout
doc = open("docs/cli.md").read()
begin, end = "<!-- BEGIN GENERATED REFERENCE -->\n", "<!-- END GENERATED REFERENCE -->"
head, rest = doc.split(begin)
_, tail = rest.split(end)
open("docs/cli.md", "w").write(head + begin + ref + end + tail)
PY
