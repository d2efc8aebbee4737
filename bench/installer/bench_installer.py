#!/usr/bin/env python3
"""Installer benchmark (issue 4): start-up, warm `install` of 40 libraries and `list` with 50 installed.

  bench/installer/bench_installer.py [--cpytool PATH] [--runs N]

Builds a 60-library bundle with `cpytool bundle build`, serves it on loopback like GitHub releases, warms the
cache with one install, then times whole processes (wall clock, median of N runs):
  --version              start-up
  install 40 (fresh)     40 libraries (plus dependencies) into an empty lib/, cache warm
  install 40 (no-op)     the same command again: every file already identical, nothing written
  list (50 installed)    versions of 50 installed libraries against the bundle
Targets (issue 4): start-up <= 5 ms, warm commands <= 15 ms.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from harness import FakeGitHub  # noqa: E402

BUNDLE_REPO = "adafruit/Adafruit_CircuitPython_Bundle"
PREFIX = "adafruit-circuitpython-bundle"
TAG = "20261126"


def make_library(root, i):
    """One library repository folder: a module or a package, every fifth depending on the one before."""
    name = f"bench_lib{i:02d}"
    repo = root / f"Adafruit_CircuitPython_Bench{i:02d}"
    repo.mkdir()
    body = "".join(f"def f{k}(x):\n    return x * {k} + {i}\n\n" for k in range(30))
    if i % 3 == 0:
        package = repo / name
        package.mkdir()
        (package / "__init__.py").write_text(f'__version__ = "1.{i}.0"\n')
        (package / "core.py").write_text(body)
    else:
        (repo / f"{name}.py").write_text(f'__version__ = "1.{i}.0"\n' + body)
    deps = ["Adafruit-Blinka"] + ([f"adafruit-circuitpython-bench{i - 1:02d}"] if i % 5 == 4 else [])
    (repo / "requirements.txt").write_text("\n".join(deps) + "\n")
    return name


def timed(cmd, env, runs, before=None):
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return times


def instructions(cmd, env, work):
    """Instructions of one whole run (callgrind's "Collected"), the loader included."""
    out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={work}/cg.out", *cmd], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    return int(next(line for line in out.splitlines() if "Collected" in line).split()[-1])


def spawn_floor(runs):
    return timed(["/bin/true"], dict(os.environ), runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cpytool", default=str(ROOT / "build-rel" / "cli" / "cpytool"))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--callgrind", action="store_true",
                        help="also count instructions (valgrind --tool=callgrind) of one run of each command")
    args = parser.parse_args()
    cpytool = str(Path(args.cpytool).resolve())
    work = Path(tempfile.mkdtemp(prefix="cpytool-bench-"))
    try:
        libs_root = work / "libs"
        libs_root.mkdir()
        names = [make_library(libs_root, i) for i in range(60)]
        release = work / "release"
        subprocess.run([cpytool, "bundle", "build", *map(str, sorted(libs_root.iterdir())), "--tag", TAG,
                        "--prefix", PREFIX, "-o", str(release)], check=True, stdout=subprocess.DEVNULL)
        with FakeGitHub(work / "gh") as github:
            github.publish(BUNDLE_REPO, TAG, {f.name: f for f in release.iterdir()})
            env = dict(os.environ, CPYTOOL_GITHUB_URL=github.url, CPYTOOL_CACHE_DIR=str(work / "cache"),
                       NO_COLOR="1")
            drive = work / "CIRCUITPY"
            (drive / "lib").mkdir(parents=True)
            (drive / "boot_out.txt").write_text(
                "Adafruit CircuitPython 10.0.3 on 2026-01-01; Raspberry Pi Pico with rp2040\r\n"
                "Board ID:raspberry_pi_pico\r\nUID:E6614C311B7A5F2D\r\n")
            install40 = [cpytool, "install", "--path", str(drive), *names[:40]]
            subprocess.run([cpytool, "install", "--path", str(drive), *names[:50]], env=env, check=True,
                           stdout=subprocess.DEVNULL)  # warms the cache
            requests_after_warmup = len(github.requests)

            def empty_lib():
                shutil.rmtree(drive / "lib")
                (drive / "lib").mkdir()

            results = {
                "spawn floor (/bin/true)": spawn_floor(args.runs),
                "--version (start-up)": timed([cpytool, "--version"], env, args.runs),
                "list (50 installed)": None,
                "install 40 (no-op)": None,
                "install 40 (fresh lib/)": timed(install40, env, args.runs, before=empty_lib),
            }
            subprocess.run([cpytool, "install", "--path", str(drive), *names[:50]], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            results["list (50 installed)"] = timed([cpytool, "list", "--path", str(drive)], env, args.runs)
            results["install 40 (no-op)"] = timed(install40, env, args.runs)
            network = len(github.requests) - requests_after_warmup
            counts = {}
            if args.callgrind:
                for label, cmd in (("--version", [cpytool, "--version"]),
                                   ("list (50 installed)", [cpytool, "list", "--path", str(drive)]),
                                   ("install 40 (no-op)", install40)):
                    counts[label] = instructions(cmd, env, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"cpytool: {cpytool}\nruns per row: {args.runs}; load average: {os.getloadavg()[0]:.2f}")
    print(f"HTTP requests during the timed runs: {network}\n")
    print("| command | median ms | min ms | max ms |")
    print("|---|---|---|---|")
    for label, times in results.items():
        print(f"| {label} | {statistics.median(times):.1f} | {min(times):.1f} | {max(times):.1f} |")
    for label, count in counts.items():
        print(f"instructions, {label}: {count:,}")


if __name__ == "__main__":
    main()
