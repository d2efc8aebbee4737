#!/usr/bin/env python3
"""Times the VM benchmark programs in our VM (`cpytool board run`) and in the WebAssembly MicroPython.

Usage: bench/vm/run_vm_bench.py [--cpytool PATH] [--runs N] [--heap 64M] [PROGRAM.py ...]

Defaults: the programs of ../shared/bench/vm/ plus bench/vm/programs/, 3 runs each, whole-process wall
time and CPU time (user + sys), runs of the two VMs interleaved so both see the same machine load. Prints
medians and the ratios ours / WebAssembly, and fails (exit 1) if an output differs between the two VMs.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench", "vm")
MPVM = os.path.join(ROOT, "tests", "tools", "mpvm.mjs")


def parse_size(text):
    scale = {"k": 1024, "m": 1024 * 1024}.get(text[-1].lower(), 1)
    return int(text[:-1] if scale > 1 else text) * scale


def cpu_of_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd):
    """(wall seconds, CPU seconds user+sys, exit status, output) of one run."""
    cpu0, start = cpu_of_children(), time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return time.perf_counter() - start, cpu_of_children() - cpu0, proc.returncode, proc.stdout


def default_programs():
    found = []
    for folder in (SHARED, os.path.join(HERE, "programs")):
        if os.path.isdir(folder):
            found += sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".py"))
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cpytool", default=os.path.join(ROOT, "build-rel", "cpytool"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--heap", default="64M")
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args()
    programs = args.programs or default_programs()
    heap_bytes = parse_size(args.heap)
    ours_cmd = [args.cpytool, "board", "run", "--heap", args.heap]
    wasm_cmd = ["node", MPVM, "--timeout=600", f"--heap={heap_bytes}"]

    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(f"# {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average {load:.2f}, "
          f"{args.runs} runs each, heap {args.heap}")
    header = (f"{'program':<14}{'ours wall':>10}{'wasm wall':>10}{'ratio':>7}"
              f"{'ours cpu':>10}{'wasm cpu':>10}{'ratio':>7}  output")
    print(header)
    print("-" * len(header))
    failed = False
    for prog in programs:
        ours, wasm, ours_cpu, wasm_cpu = [], [], [], []
        out_ours = out_wasm = b""
        ok = True
        for _ in range(args.runs):
            t, c, rc, out_ours = timed(ours_cmd + [prog])
            ours.append(t), ours_cpu.append(c)
            ok &= rc == 0
            t, c, rc, out_wasm = timed(wasm_cmd + [prog])
            wasm.append(t), wasm_cpu.append(c)
            ok &= rc == 0
        same = ok and out_ours == out_wasm
        failed |= not same
        mo, mw = statistics.median(ours), statistics.median(wasm)
        co, cw = statistics.median(ours_cpu), statistics.median(wasm_cpu)
        print(f"{os.path.basename(prog):<14}{mo:>10.2f}{mw:>10.2f}{mo / mw:>7.2f}{co:>10.2f}{cw:>10.2f}{co / cw:>7.2f}"
              f"  {'same' if same else 'DIFFERS'}", flush=True)
        if not same:
            sys.stderr.write(f"ours:\n{out_ours.decode(errors='replace')}\nwasm:\n{out_wasm.decode(errors='replace')}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
