#!/usr/bin/env python3
"""Kernels benchmark: how fast the code wasmaot generates runs, as ratios
against the same C programs compiled natively.

Builds every C program in bench/kernels/ natively and to wasm32-wasi, compiles
the wasm with wasmaot in several ways, checks that every configuration prints
the checksum the native -O2 build prints, then times them, interleaved (for
each kernel, round after round, every configuration in turn), and prints the
median wall times and the ratios against native -O2, with a geometric-mean
row. Not a test: it reports; it exits non-zero only when something fails to
build or prints a wrong checksum (those cells show FAIL; the rest is timed).

Columns (--columns; native is always measured, it is the baseline):
  native        clang-16 -O2
  march-native  clang-16 -O2 -march=native
  x86-64-v2     clang-16 -O2 -march=x86-64-v2
  aot           wasm (clang-16 --target=wasm32-wasi -O2), wasmaot compile
                (portable: the x86-64-v2 baseline)
  aot-cpu       the same wasm, wasmaot compile --cpu native
  run           the same wasm, wasmaot run --cache-dir DIR (warm: the
                checksum check before the timing is the warm-up run)
  explicit      the same wasm, wasmaot compile --bounds-checks=explicit
  timeout       the same wasm, wasmaot compile --timeout 1h: the cost of the
                interruption checks at function entries and loop headers
  node          the same wasm under Node.js's node:wasi (V8), as a peer
  simd          wasm built with -O2 -msimd128, wasmaot compile (portable)
  base          the same wasm, compiled (portable) by another wasmaot
                (--baseline PATH): what a change moved, in the same run
  base-explicit the same with --bounds-checks=explicit

Every program gets the work scale as its argument (--scale; 1 runs each for
about 0.5-2 s natively); its checksum depends on it. Builds go to --out (and
are redone only when a source or the command changed); wasmaot compiles go
through a cache in --out, whose keys cover wasmaot's own build.

Usage: bench/kernels.py [--quick] [--rounds N] [--scale S] [--only K,...]
                        [--columns C,...] [--out DIR] [--wasmaot PATH]
                        [--baseline PATH] [--check-only] [--list]
"""
import argparse
import concurrent.futures
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from benchlib import interleaved_times

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KERNELS_DIR = os.path.join(HERE, "kernels")
# The WASI end-to-end tests' runner for Node.js: the same `MODULE ARGS...`
# command line as wasmaot run.
NODE_RUNNER = os.path.join(ROOT, "tests", "e2e", "wasi", "node-wasi.mjs")
CLANG = "clang-16"
# The wasm32-wasi sysroot of Debian's wasi-libc package.
WASI_SYSROOT = "/usr"
QUICK_SCALE = 0.02


@dataclass(frozen=True)
class Column:
    key: str
    legend: str
    build: str  # the build (see BUILDS) whose output the column runs


COLUMNS = [
    Column("native", "clang-16 -O2 (the baseline of every ratio)", "native"),
    Column("march-native", "clang-16 -O2 -march=native", "march-native"),
    Column("x86-64-v2", "clang-16 -O2 -march=x86-64-v2", "x86-64-v2"),
    Column("aot", "wasm -O2, wasmaot compile (portable)", "aot"),
    Column("aot-cpu", "wasm -O2, wasmaot compile --cpu native", "aot-cpu"),
    Column("run", "wasm -O2, wasmaot run, warm cache", "wasm"),
    Column("explicit", "wasm -O2, wasmaot compile --bounds-checks=explicit",
           "aot-explicit"),
    Column("timeout", "wasm -O2, wasmaot compile --timeout 1h (interruption checks)",
           "aot-timeout"),
    Column("node", "wasm -O2, Node.js node:wasi", "wasm"),
    Column("simd", "wasm -O2 -msimd128, wasmaot compile (portable)", "aot-simd"),
    Column("base", "wasm -O2, --baseline's wasmaot compile (portable)", "base"),
    Column("base-explicit", "wasm -O2, --baseline's wasmaot compile "
           "--bounds-checks=explicit", "base-explicit"),
]
# Measured only when --baseline names another wasmaot.
BASELINE_COLUMNS = ["base", "base-explicit"]
COLUMN_KEYS = [c.key for c in COLUMNS]


@dataclass(frozen=True)
class Build:
    """One way of building a kernel: with clang from its source (flags), or
    with wasmaot from another build's module (source_build, flags)."""
    directory: str
    suffix: str
    flags: tuple
    source_build: str | None = None  # None: clang from C; else wasmaot compile
    baseline: bool = False  # compiled by --baseline's wasmaot


BUILDS = {
    "native": Build("native", "", ("-O2",)),
    "march-native": Build("march-native", "", ("-O2", "-march=native")),
    "x86-64-v2": Build("x86-64-v2", "", ("-O2", "-march=x86-64-v2")),
    "wasm": Build("wasm", ".wasm", ("--target=wasm32-wasi", "--sysroot=" + WASI_SYSROOT,
                                    "-O2")),
    "wasm-simd": Build("wasm-simd128", ".wasm", ("--target=wasm32-wasi",
                                                 "--sysroot=" + WASI_SYSROOT, "-O2",
                                                 "-msimd128")),
    "aot": Build("aot", "", (), "wasm"),
    "aot-cpu": Build("aot-cpu-native", "", ("--cpu", "native"), "wasm"),
    "aot-explicit": Build("aot-explicit", "", ("--bounds-checks=explicit",), "wasm"),
    "aot-timeout": Build("aot-timeout", "", ("--timeout", "1h"), "wasm"),
    "aot-simd": Build("aot-simd128", "", (), "wasm-simd"),
    "base": Build("base", "", (), "wasm", baseline=True),
    "base-explicit": Build("base-explicit", "", ("--bounds-checks=explicit",), "wasm",
                           baseline=True),
}


def fail(message):
    sys.exit("kernels.py: error: " + message)


def note(message):
    """Progress and notes go to stderr, so stdout is just the report."""
    print(message, file=sys.stderr, flush=True)


def kernel_names():
    return sorted(f[:-2] for f in os.listdir(KERNELS_DIR) if f.endswith(".c"))


def kernel_summary(name, width=64):
    """The start of the comment a kernel's source begins with: what it does,
    up to the first full stop, cut to width characters."""
    with open(os.path.join(KERNELS_DIR, name + ".c")) as f:
        comment = f.read().split("*/", 1)[0].removeprefix("/*")
    text = " ".join(comment.split()).removeprefix(name + ":").strip()
    text = text.split(". ", 1)[0].rstrip(".")
    return text if len(text) <= width else text[:width - 3].rstrip() + "..."


def clang_env():
    """The environment for clang: PATH without any directory holding
    wasm-opt. When it finds wasm-opt, clang silently runs it on every wasm
    module it links with optimisation on, and the modules would then measure
    Binaryen as well as clang. (clang itself is found before this, and finds
    wasm-ld in its own installation directory.)"""
    env = dict(os.environ)
    dirs = env.get("PATH", "").split(os.pathsep)
    env["PATH"] = os.pathsep.join(
        d for d in dirs if not os.access(os.path.join(d, "wasm-opt"), os.X_OK))
    return env


class Suite:
    def __init__(self, args, kernels, columns):
        self.args = args
        self.out = os.path.abspath(args.out)
        self.cache = os.path.join(self.out, "cache")
        self.kernels = kernels
        self.columns = columns
        self.scale = format(args.scale, "g")
        # What went wrong, (kernel, build name or column key) -> message, and
        # the cells that are not timed, (kernel, column key).
        self.failures = {}
        self.broken = set()
        self.clang = shutil.which(CLANG)
        if self.clang is None:
            fail("%s not found (scripts/install-deps.sh installs it)" % CLANG)
        self.node = None
        self.node_flags = ["--no-warnings"]

    def artifact(self, build, kernel):
        b = BUILDS[build]
        return os.path.join(self.out, b.directory, kernel + b.suffix)

    # Building ----------------------------------------------------------------

    def build_command(self, build, kernel):
        b = BUILDS[build]
        out = self.artifact(build, kernel)
        if b.source_build is None:
            source = os.path.join(KERNELS_DIR, kernel + ".c")
            return [self.clang, *b.flags, source, "-o", out, "-lm"]
        if b.baseline:
            return [self.args.baseline, "compile", "--cache-dir", self.cache + "-baseline",
                    *b.flags, self.artifact(b.source_build, kernel), "-o", out]
        return [self.args.wasmaot, "compile", "--cache-dir", self.cache, *b.flags,
                self.artifact(b.source_build, kernel), "-o", out]

    def up_to_date(self, build, kernel, cmd):
        """A clang output is up to date when it is newer than the kernel's
        source and the shared headers, and was made by the same command
        (recorded beside it). wasmaot compiles are always run: their cache
        knows better when its output is stale (its keys cover wasmaot's own
        build), and a hit is a copy."""
        if BUILDS[build].source_build is not None:
            return False
        out = self.artifact(build, kernel)
        try:
            with open(out + ".cmd") as f:
                if f.read() != " ".join(cmd):
                    return False
            built = os.path.getmtime(out)
        except OSError:
            return False
        deps = [os.path.join(KERNELS_DIR, kernel + ".c")]
        deps += [os.path.join(KERNELS_DIR, f) for f in os.listdir(KERNELS_DIR)
                 if f.endswith(".h")]
        return all(os.path.getmtime(d) <= built for d in deps)

    def build_one(self, build, kernel):
        """Builds one artifact; returns an error message or None."""
        source_build = BUILDS[build].source_build
        if source_build and (kernel, source_build) in self.failures:
            return "not built: its module (%s) failed to build" % source_build
        cmd = self.build_command(build, kernel)
        if self.up_to_date(build, kernel, cmd):
            return None
        out = self.artifact(build, kernel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        env = clang_env() if source_build is None else None
        result = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            output = result.stdout.strip()[-2000:]
            return "status %d: %s%s" % (result.returncode, " ".join(cmd),
                                        "\n    " + output.replace("\n", "\n    ")
                                        if output else "")
        if source_build is None:
            with open(out + ".cmd", "w") as f:
                f.write(" ".join(cmd))
        return None

    def build_all(self):
        """Every build the selected columns need, clang's first (wasmaot
        compiles need their modules), each stage in parallel."""
        needed = {c.build for c in self.columns}
        needed |= {BUILDS[b].source_build for b in needed if BUILDS[b].source_build}
        stages = [[b for b in BUILDS if b in needed and BUILDS[b].source_build is None],
                  [b for b in BUILDS if b in needed and BUILDS[b].source_build]]
        with concurrent.futures.ThreadPoolExecutor(self.args.jobs) as pool:
            for stage in stages:
                jobs = {pool.submit(self.build_one, b, k): (k, b)
                        for k in self.kernels for b in stage}
                for job in concurrent.futures.as_completed(jobs):
                    error = job.result()
                    if error:
                        self.failures[jobs[job]] = "build failed, " + error
                        note("kernels.py: build of %s (%s) failed" % jobs[job])

    # Running -----------------------------------------------------------------

    def command(self, column, kernel):
        """The command line of one configuration (all paths absolute: it is
        spawned without a PATH search)."""
        if column.key == "run":
            return [self.args.wasmaot, "run", "--cache-dir", self.cache,
                    self.artifact("wasm", kernel), self.scale]
        if column.key == "node":
            return [self.node, *self.node_flags, NODE_RUNNER,
                    self.artifact("wasm", kernel), self.scale]
        return [self.artifact(column.build, kernel), self.scale]

    def output_of(self, cmd):
        """(stdout, error message or None) of one untimed run."""
        try:
            result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            return "", "timed out after %d s" % self.args.timeout
        if result.returncode != 0:
            return result.stdout, "exited with status %d%s" % (
                result.returncode, ": " + result.stderr.strip()[-500:]
                if result.stderr.strip() else "")
        return result.stdout, None

    def check_checksums(self):
        """Runs every configuration once, untimed, and compares its output
        with native -O2's. This is also the warm-up run: it fills wasmaot
        run's cache, and brings every binary into the page cache."""
        for i, kernel in enumerate(self.kernels):
            note("checking %s (%d/%d)" % (kernel, i + 1, len(self.kernels)))
            expected = None
            for column in self.columns:
                key = (kernel, column.key)
                # Native comes first: without its checksum, nothing is checked
                # (nor timed: there would be no baseline).
                if (kernel, column.build) in self.failures or (
                        column.key != "native" and expected is None):
                    self.broken.add(key)
                    continue
                cmd = self.command(column, kernel)
                output, error = self.output_of(cmd)
                if error:
                    self.failures[key] = "%s %s" % (" ".join(cmd), error)
                elif column.key == "native":
                    lines = output.splitlines()
                    if len(lines) != 1 or not lines[0].strip():
                        self.failures[key] = "native output is not one checksum line: %r" % output
                    else:
                        expected = output
                elif output != expected:
                    self.failures[key] = ("wrong checksum: %s printed %r, native -O2 printed %r"
                                          % (" ".join(cmd), output.strip(), expected.strip()))
                if key in self.failures:
                    self.broken.add(key)

    def time_all(self):
        """For each kernel, all its working configurations round after
        round; returns {kernel: {column key: [ms, ...]}}."""
        times = {}
        for i, kernel in enumerate(self.kernels):
            columns = [c for c in self.columns if (kernel, c.key) not in self.broken]
            if not columns or columns[0].key != "native":
                continue
            note("timing %s (%d/%d), %d round(s)" % (kernel, i + 1, len(self.kernels),
                                                     self.args.rounds))
            cmds = [self.command(c, kernel) for c in columns]
            samples = interleaved_times(cmds, self.args.rounds)
            times[kernel] = {c.key: t for c, t in zip(columns, samples)}
        return times

    # Reporting ---------------------------------------------------------------

    def report(self, times):
        keys = [c.key for c in self.columns]
        width = max(len(k) for k in self.kernels + ["geomean"])
        cell = [max(8, len(k)) for k in keys]

        def row(name, cells):
            return "%-*s " % (width, name) + " ".join(
                "%*s" % (w, c) for w, c in zip(cell, cells))

        def missing(kernel, key):
            return "FAIL" if (kernel, key) in self.broken else "-"

        medians = {k: {c: statistics.median(t) for c, t in cols.items()}
                   for k, cols in times.items()}
        print("Median wall time in ms (%d round(s), scale %s):" % (self.args.rounds,
                                                                    self.scale))
        print(row("", keys))
        for kernel in self.kernels:
            m = medians.get(kernel, {})
            print(row(kernel, ["%.1f" % m[c] if c in m else missing(kernel, c)
                               for c in keys]))
        print()
        print("Ratio against native -O2 (lower is faster):")
        print(row("", keys))
        ratios = {c: [] for c in keys}
        for kernel in self.kernels:
            m = medians.get(kernel, {})
            cells = []
            for c in keys:
                if c in m:
                    ratios[c].append(m[c] / m["native"])
                    cells.append("%.2f" % ratios[c][-1])
                else:
                    cells.append(missing(kernel, c))
            print(row(kernel, cells))
        # A column's geometric mean over fewer kernels than the baseline's
        # is marked: it is not comparable with the others.
        full = len(ratios["native"])
        geomeans = []
        for c in keys:
            r = ratios[c]
            if not r:
                geomeans.append("-")
                continue
            g = "%.2f" % math.exp(sum(math.log(x) for x in r) / len(r))
            geomeans.append(g if len(r) == full else g + "*")
        print(row("geomean", geomeans))
        if any(g.endswith("*") for g in geomeans):
            print("(* over fewer kernels: some failed in that column)")
        print()
        for c in self.columns:
            print("  %-12s %s" % (c.key, c.legend))

    def report_failures(self):
        if not self.failures:
            return
        # The same failure in many kernels (a wasmaot bug hits them all) is
        # listed once, with the kernel's name in its message as KERNEL.
        groups = {}
        for (kernel, what), message in sorted(self.failures.items()):
            general = message.replace("/%s" % kernel, "/KERNEL")
            groups.setdefault((what, general), []).append(kernel)
        print()
        print("FAILURES (%d):" % len(self.failures))
        for (what, message), kernels in groups.items():
            if len(kernels) == 1:
                message = message.replace("/KERNEL", "/" + kernels[0])
                print("  %s / %s: %s" % (kernels[0], what, message))
            else:
                print("  %s, in %d kernels (%s): %s" % (what, len(kernels),
                                                        ", ".join(kernels), message))


def machine_summary(suite):
    """A few lines that make a report comparable with another: CPU, load,
    tool versions."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = ["CPU: %s, %d core(s); load average %.2f" % (cpu, os.cpu_count(),
                                                          os.getloadavg()[0])]

    def version(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True).stdout.splitlines()[0].strip()
        except (OSError, IndexError):
            return "?"
    lines.append("clang: " + version([suite.clang, "--version"]))
    if any(BUILDS[c.build].source_build or c.key == "run" for c in suite.columns):
        lines.append("wasmaot: " + version([suite.args.wasmaot, "--version"]))
    if suite.node:
        lines.append("node: " + version([suite.node, "--version"]))
    return lines


def parse_list(text, known, what):
    names = [n for n in text.split(",") if n]
    unknown = [n for n in names if n not in known]
    if unknown:
        fail("unknown %s %s; known: %s" % (what, ", ".join(unknown), ", ".join(known)))
    return names


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="a smoke run: scale %g and 1 round (unless --scale/--rounds "
                        "say otherwise)" % QUICK_SCALE)
    p.add_argument("--rounds", type=int, help="timed runs of each configuration "
                   "(default 5; 1 with --quick)")
    p.add_argument("--scale", type=float, help="work scale passed to every program "
                   "(default 1: about 0.5-2 s natively; %g with --quick)" % QUICK_SCALE)
    p.add_argument("--only", default="", help="kernels to run, comma-separated")
    p.add_argument("--columns", default="", help="columns to measure, comma-separated "
                   "(default all): " + ",".join(COLUMN_KEYS))
    p.add_argument("--out", default=os.path.join(ROOT, "build", "bench-kernels"),
                   help="build directory (default build/bench-kernels)")
    p.add_argument("--wasmaot", default=os.path.join(ROOT, "build", "bin", "wasmaot"),
                   help="the wasmaot binary (default build/bin/wasmaot)")
    p.add_argument("--baseline", help="another wasmaot binary, for the base and "
                   "base-explicit columns (ratios of a change, measured in the same run)")
    p.add_argument("--node", default="node", help="the Node.js binary (default: node "
                   "on PATH; without it the node column is left out)")
    p.add_argument("--jobs", type=int, default=os.cpu_count(),
                   help="parallel builds (default: the number of CPUs)")
    p.add_argument("--timeout", type=int, default=600,
                   help="seconds a checksum run may take (default 600)")
    p.add_argument("--check-only", action="store_true",
                   help="build and check the checksums, but time nothing")
    p.add_argument("--json", help="also write every sample (ms) to this file")
    p.add_argument("--list", action="store_true", help="list kernels and columns, and exit")
    args = p.parse_args()

    if args.list:
        for k in kernel_names():
            print("%-14s %s" % (k, kernel_summary(k)))
        print()
        for c in COLUMNS:
            print("%-14s %s" % (c.key, c.legend))
        return 0
    if args.rounds is None:
        args.rounds = 1 if args.quick else 5
    if args.scale is None:
        args.scale = QUICK_SCALE if args.quick else 1.0
    if args.rounds < 1 or not args.scale > 0 or args.jobs < 1:
        fail("--rounds and --jobs must be at least 1, --scale more than 0")

    kernels = parse_list(args.only, kernel_names(), "kernel") or kernel_names()
    keys = parse_list(args.columns, COLUMN_KEYS, "column") or [
        k for k in COLUMN_KEYS if k not in BASELINE_COLUMNS or args.baseline]
    if args.baseline:
        args.baseline = os.path.abspath(args.baseline)
        if not os.access(args.baseline, os.X_OK):
            fail("--baseline %s is not an executable" % args.baseline)
    elif any(k in BASELINE_COLUMNS for k in keys):
        fail("the base columns need --baseline PATH")
    if "native" not in keys:
        keys.append("native")  # every ratio is against it
    node = shutil.which(args.node)
    if "node" in keys and node is None:
        if args.columns:
            fail("node (%s) not found" % args.node)
        note("kernels.py: node not found; leaving out the node column")
        keys.remove("node")
    # In the canonical order, native first.
    columns = [c for c in COLUMNS if c.key in keys]
    args.wasmaot = os.path.abspath(args.wasmaot)
    needs_wasmaot = any(BUILDS[c.build].source_build or c.key == "run" for c in columns)
    if needs_wasmaot and not os.access(args.wasmaot, os.X_OK):
        fail("%s not found; build wasmaot first (scripts/dev.sh), or pass --wasmaot"
             % args.wasmaot)

    suite = Suite(args, kernels, columns)
    if "node" in keys:
        suite.node = node
        version = subprocess.run([node, "--version"], stdout=subprocess.PIPE,
                                 text=True).stdout.strip()
        # node:wasi needs this flag before Node 20.
        if int(version.lstrip("v").split(".")[0]) < 20:
            suite.node_flags.append("--experimental-wasi-unstable-preview1")

    start = time.perf_counter()
    note("building %d kernel(s) into %s" % (len(kernels), suite.out))
    suite.build_all()
    suite.check_checksums()
    if args.check_only:
        checked = len(kernels) * len(columns) - len(suite.broken)
        print("%d configuration(s) printed the native checksum" % checked)
    else:
        for line in machine_summary(suite):
            print(line)
        times = suite.time_all()
        print()
        suite.report(times)
    suite.report_failures()
    note("kernels.py: done in %.0f s; load average now %.2f%s"
         % (time.perf_counter() - start, os.getloadavg()[0],
            "; %d FAILURE(S), listed above" % len(suite.failures)
            if suite.failures else ""))
    if args.json and not args.check_only:
        with open(args.json, "w") as f:
            json.dump({"scale": args.scale, "rounds": args.rounds, "times_ms": times,
                       "failures": {"%s/%s" % k: v for k, v in suite.failures.items()}},
                      f, indent=1)
    return 1 if suite.failures else 0


if __name__ == "__main__":
    sys.exit(main())
