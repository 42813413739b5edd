#!/usr/bin/env python3
"""Compile-speed benchmark: how fast wasmaot compiles big real modules.

For each module, compiles it (to an object, outside the cache, no progress
bar) in every configuration of optimization level and thread count, the
configurations interleaved round after round, and reports per configuration
the median wall time, instructions per second, peak RSS (the compiler
program's) and the per-phase times of the last run (`-v`; lower, optimize
and codegen are summed over the module's parts and threads). Also the
speedup of all threads over one, and of -O0 over -O2. With --baseline, an
older build (an install prefix or build directory) compiles the same
configurations in the same rounds, and each row gets its ratio to the
baseline's. Not a test: it asserts nothing about speed, it reports.

By default the modules are two real WASI programs shipped in npm packages,
fetched once with `npm pack` into the cache directory:
  nextpnr-ice40  place and route for iCE40 FPGAs (1.8 MB, about 0.8M instructions)
  yosys          logic synthesis (31 MB, about 12M instructions)

Usage: bench/compile.py [--build DIR] [--module PATH]... [--only NAME]...
                        [--opt 0,2] [--jobs 1,0] [--rounds N] [--cache DIR]
                        [--baseline DIR]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time

# (name, npm package@version, the module's path inside the package)
NPM_MODULES = [
    ("nextpnr-ice40", "@yowasp/nextpnr-ice40@0.8.621",
     "package/gen/nextpnr-ice40.core.wasm"),
    ("yosys", "@yowasp/yosys@0.55.944", "package/gen/yosys.core.wasm"),
]


def fetch(cache, package, member):
    """The module `member` of npm package `package`, from the cache or npm."""
    name = package.replace("@", "").replace("/", "-")
    path = os.path.join(cache, name + "-" + os.path.basename(member))
    if os.path.exists(path):
        return path
    os.makedirs(cache, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        print("fetching %s with npm pack ..." % package, file=sys.stderr)
        out = subprocess.run(["npm", "pack", "--silent", package], cwd=tmp, check=True,
                             capture_output=True, text=True).stdout.split()[-1]
        with tarfile.open(os.path.join(tmp, out)) as tar:
            with tar.extractfile(member) as src, open(path + ".tmp", "wb") as dst:
                shutil.copyfileobj(src, dst)
    os.rename(path + ".tmp", path)
    return path


def compile_once(wasmaot, module, opt, jobs, out):
    """(wall seconds, peak RSS in MB, the -v phase line) of one compile."""
    cmd = [wasmaot, "-v", "compile", "--no-cache", "-q", "--emit=obj", "-O%d" % opt,
           "-j", str(jobs), module, "-o", out]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # wait4's usage covers the command and the compiler program it waited for.
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    log = proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("compile.py: %s failed:\n%s" % (" ".join(cmd), log))
    phases = next((line for line in log.splitlines() if ": decode " in line), "")
    return wall, usage.ru_maxrss / 1024, phases


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(here, "..", "build"))
    parser.add_argument("--module", action="append", default=[],
                        help="a module to compile instead of the npm ones (repeatable)")
    parser.add_argument("--only", action="append", default=[],
                        help="of the npm modules, only this one (repeatable)")
    parser.add_argument("--opt", default="0,2", help="optimization levels (default 0,2)")
    parser.add_argument("--jobs", default="1,0",
                        help="thread counts, 0 for one per core (default 1,0)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--cache", default=os.path.expanduser("~/.cache/wasmaot-bench"),
                        help="where the npm modules are kept")
    parser.add_argument("--baseline", help="an older build or install prefix to compare with, "
                        "interleaved (e.g. `cmake --install build --prefix /tmp/base`)")
    args = parser.parse_args()

    wasmaot = os.path.abspath(os.path.join(args.build, "bin", "wasmaot"))
    builds = [("", wasmaot)]
    if args.baseline:
        builds.append(("base ", os.path.abspath(os.path.join(args.baseline, "bin", "wasmaot"))))
    modules = [(os.path.basename(m), m) for m in args.module]
    if not modules:
        modules = [(name, fetch(args.cache, package, member))
                   for name, package, member in NPM_MODULES
                   if not args.only or name in args.only]
    configs = [(int(o), int(j), b) for o in args.opt.split(",") for j in args.jobs.split(",")
               for b in range(len(builds))]
    cores = len(os.sched_getaffinity(0))

    print("wasmaot %s, %d cores, %d round(s)" % (wasmaot, cores, args.rounds))
    if args.baseline:
        print("baseline %s" % builds[1][1])
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.o")
        for name, path in modules:
            size = os.path.getsize(path) / 1e6
            walls = {c: [] for c in configs}
            rss, phases = {}, {}
            for _ in range(args.rounds):
                for c in configs:
                    wall, peak, line = compile_once(builds[c[2]][1], path, c[0], c[1], out)
                    walls[c].append(wall)
                    rss[c] = max(rss.get(c, 0), peak)
                    phases[c] = line
            instructions = 0
            for line in phases.values():
                m = re.search(r"(\d+) instructions", line)
                instructions = int(m.group(1)) if m else instructions
            print("\n%s (%.1f MB, %d instructions)" % (name, size, instructions))
            print("  %-13s %10s %14s %10s%s" % ("config", "wall", "instr/s", "peak RSS",
                                                "   vs base" if args.baseline else ""))
            median = {c: statistics.median(walls[c]) for c in configs}
            label = {c: "%s-O%d -j%d" % (builds[c[2]][0], c[0], c[1] or cores) for c in configs}
            for c in configs:
                versus = ""
                if c[2] == 0 and args.baseline:
                    versus = "  %8.2fx" % (median[c] / median[(c[0], c[1], 1)])
                print("  %-13s %9.1fs %14s %8.0fMB%s" % (label[c], median[c],
                      "{:,.0f}".format(instructions / median[c]), rss[c], versus))
            for o in sorted({c[0] for c in configs}):
                one, every = (o, 1, 0), (o, 0, 0)
                if one in median and every in median:
                    print("  -O%d: %d threads %.2fx faster than one" %
                          (o, cores, median[one] / median[every]))
            for j in sorted({c[1] for c in configs}):
                if (0, j, 0) in median and (2, j, 0) in median:
                    print("  -j%d: -O0 %.1fx faster than -O2" %
                          (j or cores, median[(2, j, 0)] / median[(0, j, 0)]))
            for c in configs:
                print("  phases %s: %s" % (label[c], phases[c].split(": ", 2)[-1]))


if __name__ == "__main__":
    main()
