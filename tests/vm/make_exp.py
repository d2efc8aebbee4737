#!/usr/bin/env python3
"""Regenerates tests/vm/NAME.exp from the WebAssembly MicroPython oracle (tests/tools/mpvm.mjs).

Usage: tests/vm/make_exp.py [NAME.py ...]   (default: every tests/vm/*.py)
The .exp files are committed; rerun this only when a test program changes.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MPVM = os.path.join(os.path.dirname(HERE), "tools", "mpvm.mjs")


def main():
    names = sys.argv[1:] or sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f != "make_exp.py")
    status = 0
    for name in names:
        path = os.path.join(HERE, os.path.basename(name))
        proc = subprocess.run(["node", MPVM, "--timeout=60", path], stdout=subprocess.PIPE)
        if proc.returncode not in (0, 1):
            sys.stderr.write(f"{name}: oracle failed ({proc.returncode}):\n{proc.stdout.decode(errors='replace')}\n")
            status = 1
            continue
        with open(path[:-3] + ".exp", "wb") as out:
            out.write(proc.stdout)
        print(f"{name}: {len(proc.stdout)} bytes")
    return status


if __name__ == "__main__":
    sys.exit(main())
