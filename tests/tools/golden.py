#!/usr/bin/env python3
"""Golden-file runner: run a command, compare its output with an expected file, explain any difference.

  golden.py --expected FILE [--stdout|--output PATH] [--rc N] [--update] [--out-dir DIR] -- COMMAND...

The command's stdout (or the file it writes, --output) is compared byte for byte with FILE. On a mismatch the
runner prints a unified diff for text, or the first differing offset with a hex dump for binary data, writes
what it got to DIR/<name>.out, and exits 1. --update rewrites FILE instead (refused for goldens outside this
repository, such as ../shared). --rc checks the exit status too (default 0).
"""
import argparse
import difflib
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def is_text(data):
    try:
        data.decode("utf-8")
        return b"\0" not in data
    except UnicodeDecodeError:
        return False


def hex_window(data, offset, width=16):
    start = max(0, offset - offset % width - width)
    chunk = data[start:start + 3 * width]
    return "\n".join(f"  {start + i:08x}: {chunk[i:i + width].hex(' ')}" for i in range(0, len(chunk), width))


def explain(expected, got, name):
    if is_text(expected) and is_text(got):
        diff = difflib.unified_diff(expected.decode().splitlines(keepends=True), got.decode().splitlines(keepends=True),
                                    f"{name} (expected)", f"{name} (got)")
        return "".join(diff)
    offset = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    return (f"{name}: binary data differ at offset {offset} (expected {len(expected)} bytes, got {len(got)})\n"
            f"expected:\n{hex_window(expected, offset)}\ngot:\n{hex_window(got, offset)}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expected", required=True, type=Path)
    parser.add_argument("--output", type=Path, help="compare this file the command writes instead of stdout")
    parser.add_argument("--rc", type=int, default=0)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--out-dir", type=Path, default=Path.cwd())
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    result = subprocess.run(command, capture_output=True, timeout=300)
    got = args.output.read_bytes() if args.output and args.output.exists() else result.stdout
    if result.returncode != args.rc:
        sys.stderr.write(f"exit status {result.returncode}, expected {args.rc}\n{result.stderr.decode(errors='replace')}")
        return 1
    if args.update:
        if REPO not in args.expected.resolve().parents:
            sys.stderr.write(f"refusing to update {args.expected}: it is not a golden of this repository\n")
            return 2
        args.expected.write_bytes(got)
        return 0
    expected = args.expected.read_bytes() if args.expected.exists() else b""
    if got == expected:
        return 0
    args.out_dir.mkdir(parents=True, exist_ok=True)
    out = args.out_dir / (args.expected.name + ".out")
    out.write_bytes(got)
    sys.stdout.write(explain(expected, got, args.expected.name))
    sys.stdout.write(f"\nwhat the command produced is in {out}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
