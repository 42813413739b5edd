#!/usr/bin/env python3
"""Startup benchmark: how fast programs start, as ratios against native C.

Measures, in one run on one machine, the median wall time of (the first three
interleaved, round after round):
  native      hello.c built with clang-16 for the host
  exe         the same program compiled to wasm, then by `wasmaot compile`
  run-warm    `wasmaot run hello.wasm` with the compiled code in the cache
  run-cold    `wasmaot run hello.wasm` with an empty cache (compiles first)
and the same warm/cold runs for a large generated module (thousands of
functions and a 20 MB data segment), to show how the warm path scales with
module size. Not a test: it asserts nothing about speed, it reports.

Usage: bench/startup.py [--build DIR] [--runs N] [--large-functions N]
"""
import argparse
import os
import shutil
import sys
import tempfile
import time

# Timing and interleaving, shared with kernels.py.
from benchlib import interleaved_medians, median_time, run


def large_module(path, functions, data_mb):
    """A module with many small functions and a big data segment, as text."""
    with open(path, "w") as f:
        f.write("(module\n  (memory (export \"memory\") %d)\n" % (data_mb * 16 + 1))
        for i in range(functions):
            f.write("  (func $f%d (param i32) (result i32)\n"
                    "    (i32.add (i32.mul (local.get 0) (i32.const %d)) (i32.const %d)))\n"
                    % (i, i + 1, i))
        f.write("  (func (export \"_start\") (drop (call $f%d (i32.const 1))))\n"
                % (functions - 1))
        chunk = "\\%02x" % 7 * 4096
        f.write("  (data (i32.const 0) \"")
        for _ in range(data_mb * 256):
            f.write(chunk)
        f.write("\")\n)\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=os.path.join(here, "..", "build"))
    p.add_argument("--runs", type=int, default=201)
    p.add_argument("--large-functions", type=int, default=2000)
    p.add_argument("--large-data-mb", type=int, default=20)
    args = p.parse_args()

    build = os.path.abspath(args.build)
    wasmaot = os.path.join(build, "bin", "wasmaot")
    hello_wasm = os.path.join(build, "examples", "hello.wasm")
    # wasmaot's own assembler (tests/tools), for the generated large module.
    wat2wasm = os.path.join(build, "tests", "tools", "wasmaot-wat2wasm")
    for needed in (wasmaot, hello_wasm, wat2wasm):
        if not os.path.exists(needed):
            sys.exit("startup.py: %s not found; build first (scripts/dev.sh example)" % needed)

    work = tempfile.mkdtemp(prefix="wasmaot-bench-")
    try:
        cache = os.path.join(work, "cache")
        native = os.path.join(work, "hello-native")
        exe = os.path.join(work, "hello-aot")
        run(["clang-16", "-O2", os.path.join(here, "..", "examples", "hello.c"), "-o", native])
        run([wasmaot, "compile", "--no-cache", hello_wasm, "-o", exe])
        warm = [wasmaot, "run", "--cache-dir", cache, hello_wasm]
        run(warm)  # fills the cache

        def clear():
            shutil.rmtree(cache, ignore_errors=True)

        native_ms, exe_ms, warm_ms = interleaved_medians([[native], [exe], warm], args.runs)
        rows = [
            ("native hello (clang -O2)", native_ms),
            ("wasmaot compile'd executable", exe_ms),
            ("wasmaot run, warm cache", warm_ms),
            ("wasmaot run, cold cache", median_time(warm, max(3, args.runs // 4), clear)),
        ]

        large_wat = os.path.join(work, "large.wat")
        large_wasm = os.path.join(work, "large.wasm")
        large_module(large_wat, args.large_functions, args.large_data_mb)
        run([wat2wasm, large_wat, "-o", large_wasm])
        size_mb = os.path.getsize(large_wasm) / 1e6
        large = [wasmaot, "run", "--cache-dir", cache, large_wasm]
        start = time.perf_counter()
        run(large)  # compiles and fills the cache
        cold_large = (time.perf_counter() - start) * 1000
        rows.append(("large module (%.1f MB, %d functions), warm" % (size_mb,
                     args.large_functions), median_time(large, max(3, args.runs // 2))))
        rows.append(("large module, cold (one run)", cold_large))

        base = rows[0][1]
        print("startup benchmark: median wall time of %d runs (cold: fewer)" % args.runs)
        print("goals: compiled executable <= 1.2x native, warm run <= 2x native")
        print("%-52s %10s %10s" % ("", "ms", "x native"))
        for name, ms in rows:
            print("%-52s %10.2f %10.2f" % (name, ms, ms / base))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
