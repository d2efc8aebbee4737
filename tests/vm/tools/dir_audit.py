#!/usr/bin/env python3
"""Compares dir() of the builtins, the built-in types and the required modules between the WebAssembly
MicroPython oracle (tests/tools/mpvm.mjs) and our VM (vm_golden_run with CPY_VM_FROM_SOURCE=1).

Usage: tests/vm/tools/dir_audit.py [--board] [--check] BUILD_DIR
  prints, per object, the names only one side has; --board runs our side with `cpytool board run` instead;
  --check compares that report with the committed baseline (dir_audit_baseline.txt, '#' lines give reasons).
Exit status: 0 when both sides agree (or, with --check, the report equals the baseline), 1 when they differ,
2 when a side cannot run.
"""
import difflib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MPVM = os.path.join(os.path.dirname(os.path.dirname(HERE)), "tools", "mpvm.mjs")
BASELINE = os.path.join(HERE, "dir_audit_baseline.txt")

TYPES = ["int", "float", "complex", "str", "bytes", "bytearray", "memoryview", "list", "tuple", "dict", "set",
         "frozenset", "range", "slice", "object", "type", "bool", "BaseException", "Exception"]
MODULES = ["builtins", "sys", "micropython", "gc", "math", "struct", "time", "collections", "errno", "io", "json",
           "binascii", "array", "random", "re", "os"]
# Objects reached from modules: (label, expression after the module is imported).
EXTRA = [("collections.OrderedDict", "collections", "collections.OrderedDict"),
         ("collections.deque", "collections", "collections.deque"),
         ("io.StringIO", "io", "io.StringIO"), ("io.BytesIO", "io", "io.BytesIO"),
         ("array.array", "array", "array.array"), ("re.compile()", "re", "re.compile('a')"),
         ("re.match()", "re", "re.match('a', 'a')"), ("generator", None, "(x for x in ())"),
         ("function", None, "(lambda: 0)"), ("dict.keys()", None, "{}.keys()"), ("sys.stdout", "sys", "sys.stdout"),
         ("namedtuple instance", "collections", "collections.namedtuple('P', 'x y')(1, 2)")]

# The program each side runs: one line per object, "label: name name ...".
PROGRAM_HEAD = """
def show(label, obj):
    print(label + ':', ' '.join(sorted(set(dir(obj)))))
"""


def program():
    lines = [PROGRAM_HEAD]
    for name in TYPES:
        lines.append(f"show('type {name}', {name})")
    for name in MODULES:
        lines.append("try:\n"
                     f"    import {name}\n"
                     f"    show('module {name}', {name})\n"
                     "except ImportError:\n"
                     f"    print('module {name}: <missing>')")
    for label, module, expression in EXTRA:
        body = f"    import {module}\n" if module else ""
        lines.append(f"try:\n{body}    show('{label}', {expression})\n"
                     f"except Exception as e:\n    print('{label}: <' + type(e).__name__ + '>')")
    return "\n".join(lines) + "\n"


def run(command):
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        sys.stderr.write(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stdout.decode(errors='replace')}")
        sys.exit(2)
    result = {}
    for line in proc.stdout.decode().splitlines():
        label, _, names = line.partition(": ")
        result[label] = set(names.split()) if not names.startswith("<") else {names}
    return result


def main():
    args = sys.argv[1:]
    board, check = "--board" in args, "--check" in args
    args = [a for a in args if a not in ("--board", "--check")]
    if len(args) != 1:
        sys.stderr.write(__doc__)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "dir_audit.py")
        with open(path, "w") as out:
            out.write(program())
        oracle = run(["node", MPVM, path])
        if board:
            ours = run([os.path.join(args[0], "cli", "cpytool"), "board", "run", "--heap", "16M", path])
        else:
            os.environ["CPY_VM_FROM_SOURCE"] = "1"
            ours = run([os.path.join(args[0], "tests", "golden", "vm_golden_run"), path[:-3] + ".mpy"])
    report = differences(oracle, ours)
    if not check:
        print("\n".join(report))
        return 1 if report else 0
    with open(BASELINE) as baseline:
        expected = [line.rstrip("\n") for line in baseline if not line.startswith("#")]
    if report == expected:
        return 0
    print("\n".join(difflib.unified_diff(expected, report, "baseline", "now", lineterm="")))
    return 1


def differences(oracle, ours):
    """Report lines: per object whose names differ, the names only the oracle has and those only we have."""
    lines = []
    for label, names in oracle.items():
        mine = ours.get(label, {"<no output>"})
        missing, extra = sorted(names - mine), sorted(mine - names)
        if missing or extra:
            lines.append(f"{label}:")
            if missing:
                lines.append("  missing: " + " ".join(missing))
            if extra:
                lines.append("  extra:   " + " ".join(extra))
    return lines

if __name__ == "__main__":
    sys.exit(main())
