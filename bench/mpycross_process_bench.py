#!/usr/bin/env python3
"""Whole-process compiler benchmarks against ../shared/corpus/PERF.md (docs/performance.md).

  bench/mpycross_process_bench.py CPYTOOL [--mpy-cross BIN] [--corpus DIR] [--passes N] [--tree-runs N]

The per-file command is `CPYTOOL mpy-cross ...`, or `BIN ...` with --mpy-cross (the standalone binary).

(a) per file: `CPYTOOL mpy-cross -o OUT NAME.py` once per compilable corpus file (one with NAME.mpy), best of
    --passes passes per file, like PERF.md's tools/perf_per_file.py: median, 90th percentile, sum of minima, and
    the empty-file time (process start-up), and /bin/true started the same way (the spawn floor, to judge how
    loaded the machine is: PERF.md's floor is about 1.1 ms per process). Also the CPU time (user+sys) of each best run, which a loaded machine
    distorts less than wall time. Every output is checked byte for byte against the golden.
(b) tree: 100 corpus files copied into a folder tree; `CPYTOOL compile TREE -o OUT` (fresh output each run) against
    a loop of one `CPYTOOL mpy-cross` process per file; median of --tree-runs runs each, and the ratio.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed_run(argv, cwd=None):
    """Runs argv; returns (wall seconds, cpu seconds of the child, exit status)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    status = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, status


def compilable(corpus):
    return sorted(p for p in corpus.glob("*.py") if p.with_suffix(".mpy").exists())


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def spawn_floor(runs=50):
    """Median wall time of starting /bin/true the same way: the machine's process-creation cost right now."""
    return statistics.median(timed_run(["/bin/true"])[0] for _ in range(runs))


def per_file(compiler, corpus, passes, scratch):
    floor = spawn_floor()
    best = {}
    for _ in range(passes):
        for source in compilable(corpus):
            out = scratch / (source.stem + ".mpy")
            wall, cpu, status = timed_run(compiler + ["-o", str(out), source.name], cwd=corpus)
            if status != 0 or out.read_bytes() != source.with_suffix(".mpy").read_bytes():
                sys.exit(f"mismatch or failure on {source.name}")
            if source.name not in best or wall < best[source.name][0]:
                best[source.name] = (wall, cpu, source.stat().st_size)
    walls = [w for w, _, _ in best.values()]
    cpus = [c for _, c, _ in best.values()]
    empty = [name for name, (_, _, size) in best.items() if size == 0]
    print(f"(a) per file, {len(best)} files, best of {passes} passes:")
    print(f"    wall: median {statistics.median(walls) * 1e3:.2f} ms, p90 {percentile(walls, 0.9) * 1e3:.2f} ms, "
          f"max {max(walls) * 1e3:.2f} ms, sum of minima {sum(walls):.3f} s")
    print(f"    cpu (user+sys of the best run): median {statistics.median(cpus) * 1e3:.2f} ms, sum {sum(cpus):.3f} s")
    if empty:
        print(f"    empty file ({empty[0]}): wall {best[empty[0]][0] * 1e3:.2f} ms, cpu {best[empty[0]][1] * 1e3:.2f} ms")
    print(f"    spawn floor (/bin/true, median of 50): {floor * 1e3:.2f} ms; median file / floor = "
          f"{statistics.median(walls) / floor:.1f}")
    slowest = sorted(best.items(), key=lambda item: -item[1][0])[:3]
    print("    slowest: " + ", ".join(f"{n} {w * 1e3:.1f} ms ({s} B)" for n, (w, _, s) in slowest))


def make_tree(corpus, root, count):
    files = compilable(corpus)[:count]
    for index, source in enumerate(files):
        folder = root / f"pkg{index % 7}" / (f"sub{index % 3}" if index % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, folder / source.name)
    return sorted(root.rglob("*.py"))


def tree(cpytool, compiler, corpus, runs, scratch):
    root = scratch / "tree"
    sources = make_tree(corpus, root, 100)
    out = scratch / "tree-out"
    one_process, per_process = [], []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        wall, _, status = timed_run([cpytool, "compile", str(root), "-o", str(out)])
        if status != 0 or len(list(out.rglob("*.mpy"))) != len(sources):
            sys.exit("cpytool compile failed on the tree")
        one_process.append(wall)
        start = time.perf_counter()
        for source in sources:
            target = scratch / "loop.mpy"
            if subprocess.run(compiler + ["-o", str(target), str(source)]).returncode != 0:
                sys.exit(f"mpy-cross failed on {source}")
        per_process.append(time.perf_counter() - start)
    size = sum(p.stat().st_size for p in sources)
    a, b = statistics.median(one_process), statistics.median(per_process)
    print(f"(b) tree of {len(sources)} files ({size} bytes), median of {runs} runs:")
    print(f"    cpytool compile: {a:.3f} s; one {' '.join(Path(c).name for c in compiler)} per file: {b:.3f} s ({b / len(sources) * 1e3:.2f} ms "
          f"per file); compile is {b / a:.1f}x faster")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cpytool")
    parser.add_argument("--mpy-cross", help="standalone mpy-cross binary for the per-file runs")
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared/corpus/train"))
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--tree-runs", type=int, default=5)
    args = parser.parse_args()
    cpytool = str(Path(args.cpytool).resolve())
    compiler = [str(Path(args.mpy_cross).resolve())] if args.mpy_cross else [cpytool, "mpy-cross"]
    load = os.getloadavg()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load[0]:.1f} {load[1]:.1f} "
          f"{load[2]:.1f}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="mpycross-bench-") as scratch:
        per_file(compiler, Path(args.corpus), args.passes, Path(scratch))
        tree(cpytool, compiler, Path(args.corpus), args.tree_runs, Path(scratch))


if __name__ == "__main__":
    main()
