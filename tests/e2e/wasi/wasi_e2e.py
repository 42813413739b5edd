#!/usr/bin/env python3
"""Runs one WASI end-to-end case three ways and compares them.

    wasi_e2e.py --wasmaot BIN --node NODE --wasm-dir DIR --work-dir DIR \
                --cache-dir DIR CASE

Each case (see cases.py) names a program built from programs/*.c, the
directories and environment it is granted, its arguments, input and expected
exit status. For each of the three ways of running it

  run   `wasmaot run` on the module,
  exe   the executable that `wasmaot compile` made of it,
  node  Node.js's node:wasi through node-wasi.mjs (the independent reference),

the runner lays out a fresh directory tree, runs the program there and checks
the exit status, stdout (against expected/CASE.stdout or a model of the
program), stderr where the case says, the files left behind (identical across
the three) and the case's own checks of the host, such as "nothing outside the
sandbox changed". Known deviations of Node from the WASI spec are listed with
each case and applied to Node only: the spec wins. Exits 1 with every failure
listed, 0 when all checks pass.

With --target TRIPLE --emulator QEMU the case runs two ways instead: the
host's executable (exe) and one compiled with --target TRIPLE, run under
qemu-user (exe-TRIPLE). Besides the checks above, the cross executable must
behave byte for byte like the host's: the same stdout, stderr, exit statuses
and files left behind.
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The runner is run from the source tree: leave no __pycache__ there.
sys.dont_write_bytecode = True
import cases  # noqa: E402

HERE = Path(__file__).resolve().parent
MODES = ("run", "exe", "node")
# No single run should come near this; a hang must not stall ctest forever.
TIMEOUT_SECONDS = 120
# Linux's pipe capacity: a writer can fill this much before a reader runs.
PIPE_BUFFER = 65536


class Failures(list):
    def add(self, mode, message):
        self.append(f"[{mode}] {message}")


def snapshot(root, skip=()):
    """What the tree under root holds: relative path -> (kind, content digest or
    link target). Times are left out; cases that care check them themselves."""
    entries = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = Path(dirpath, name)
            rel = path.relative_to(root).as_posix()
            if rel in skip:
                continue
            if path.is_symlink():
                entries[rel] = ("symlink", os.readlink(path))
            elif path.is_dir():
                entries[rel] = ("dir", None)
            else:
                entries[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return entries


def describe_difference(a, b, name_a, name_b):
    lines = []
    for rel in sorted(set(a) | set(b)):
        if a.get(rel) != b.get(rel):
            lines.append(f"  {rel}: {name_a} {a.get(rel)}, {name_b} {b.get(rel)}")
    return "\n".join(lines[:20])


def first_difference(actual, expected):
    """The first differing line of two outputs, for a readable failure."""
    got, want = actual.splitlines(), expected.splitlines()
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return f"line {i + 1}: got {g!r}, expected {w!r}"
    if len(got) != len(want):
        i = min(len(got), len(want))
        extra = got[i] if len(got) > len(want) else want[i]
        return (f"{len(got)} lines, expected {len(want)}; first unmatched line "
                f"{i + 1}: {extra!r}")
    return "outputs differ only in line endings"


def apply_node_deviations(output, deviations):
    """Rewrites the lines where Node is known to deviate from the spec into
    what the spec says, so that the rest of Node's output is still compared.
    A deviation need not occur: Node 18 and 20 do not share all of them."""
    fixes = {node_line: spec_line for spec_line, node_line in deviations}
    return "\n".join(fixes.get(line, line) for line in output.split("\n"))


class Runner:
    def __init__(self, options, case):
        self.opt = options
        self.case = case
        self.root = Path(options.work_dir) / case.name
        self.module = Path(options.wasm_dir) / f"{case.program}.wasm"
        self.failures = Failures()
        self.stderrs = {}  # mode -> [(step, exit status, stderr)]

    def grant_flags(self):
        """--dir and --env, spelled the same for all three ways of running."""
        flags = []
        for host, guest in self.case.dirs:
            flags += ["--dir", host if guest is None else f"{host}::{guest}"]
        for env in self.case.env:
            flags += ["--env", env]
        return flags

    def environment(self, changes):
        """This process's environment with a case's changes (None unsets)."""
        env = dict(os.environ)
        for name, value in changes.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        return env

    def compile_exe(self, target=None):
        """Compiles the case's executable once: --dir and --env are fixed in it.
        This runs in the case's root, not where the exe will run, so a relative
        --dir must be resolved when the exe starts, not now. A cross target's
        has the same file name, in a directory of its own: the program sees it."""
        directory = self.root / target if target else self.root
        directory.mkdir(parents=True, exist_ok=True)
        exe = directory / f"{self.case.name}.exe"
        command = ([self.opt.wasmaot, "compile", str(self.module), "-o", str(exe),
                    "--cache-dir", self.opt.cache_dir] + self.case.codegen + self.grant_flags()
                   + (["--target", target] if target else []))
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True,
                                env=self.environment(self.case.compile_env),
                                timeout=TIMEOUT_SECONDS)
        if result.returncode != 0:
            self.failures.add("exe", f"wasmaot compile exited {result.returncode}:\n"
                                     f"{result.stderr}")
            return None
        return exe

    def command(self, mode, exe, args):
        if mode == "run":
            return ([self.opt.wasmaot, "run", "--cache-dir", self.opt.cache_dir]
                    + self.case.codegen + self.grant_flags() + [str(self.module)] + args)
        if mode == "exe":
            return [str(exe)] + args
        if mode.startswith("exe-"):
            return [self.opt.emulator, str(exe)] + args
        return ([self.opt.node, "--no-warnings", str(HERE / "node-wasi.mjs")]
                + self.grant_flags() + [str(self.module)] + args)

    def execute(self, mode, command, work, stdin):
        """Runs command in work with stdin; wasmaot gets pipes for all three
        standard streams. Known: Node makes its stdio pipes non-blocking and
        uvwasi does not wait, so reads from a pipe not yet filled fail with
        EAGAIN and big writes to a pipe lose data (Node 18). Node gets files
        for stdout and stderr, and for stdin beyond what a pipe holds at once."""
        env = self.environment(self.case.run_env)
        if mode != "node":
            return subprocess.run(command, cwd=work, input=stdin, capture_output=True,
                                  env=env, timeout=TIMEOUT_SECONDS)
        streams = {name: (self.root / f"node-{name}").open("w+b")
                   for name in ("stdout", "stderr")}
        feed = {"input": stdin}
        if len(stdin) > PIPE_BUFFER:
            stdin_file = self.root / "node-stdin"
            stdin_file.write_bytes(stdin)
            feed = {"stdin": stdin_file.open("rb")}
        with streams["stdout"], streams["stderr"]:
            result = subprocess.run(command, cwd=work, **feed, **streams, env=env,
                                    timeout=TIMEOUT_SECONDS)
            for name, stream in streams.items():
                stream.seek(0)
                setattr(result, name, stream.read())
        if "stdin" in feed:
            feed["stdin"].close()
        return result

    def run_mode(self, mode, exe):
        """Runs every step of the case in a fresh tree; returns the tree's path
        and the steps' combined stdout, or None if a step could not run."""
        work = self.root / mode
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        self.case.setup(work)
        before = self.case.before_run(work)
        outputs = []
        self.stderrs[mode] = []
        for step in self.case.steps:
            try:
                result = self.execute(mode, self.command(mode, exe, step.args), work,
                                      step.stdin(work))
            except FileNotFoundError as error:
                self.failures.add(mode, f"cannot run: {error}")
                return None
            except subprocess.TimeoutExpired:
                self.failures.add(mode, f"{step.label()}: timed out after {TIMEOUT_SECONDS}s")
                return None
            stdout = result.stdout.decode("utf-8", "replace")
            stderr = result.stderr.decode("utf-8", "replace")
            self.stderrs[mode].append((step.label(), result.returncode, stderr))
            if result.returncode != step.exit:
                self.failures.add(mode, f"{step.label()}: exit status {result.returncode}, "
                                        f"expected {step.exit}\n--- stderr:\n{stderr}")
            if step.stderr is not None and not re.search(step.stderr, stderr):
                self.failures.add(mode, f"{step.label()}: stderr does not match "
                                        f"{step.stderr!r}:\n{stderr}")
            outputs.append(step.header() + stdout)
        for message in self.case.after_run(work, before, mode):
            self.failures.add(mode, message)
        return work, "".join(outputs)

    def expected_stdout(self, work):
        if self.case.model is not None:
            return self.case.model(work)
        golden = HERE / "expected" / f"{self.case.golden or self.case.name}.stdout"
        return golden.read_text(encoding="utf-8") if golden.exists() else None

    def check_stdout(self, mode, stdout, expected):
        # Kept for a look after a failure, and for writing a new golden file.
        saved = self.root / f"{mode}.stdout"
        saved.write_text(stdout, encoding="utf-8")
        if expected is None:
            self.failures.add(mode, f"no expected/{self.case.golden or self.case.name}.stdout; "
                                    f"this run's stdout is in {saved}")
            return
        if mode == "node":
            stdout = apply_node_deviations(stdout, self.case.node_deviations)
        if stdout != expected:
            self.failures.add(mode, f"stdout differs from the expected output: "
                                    f"{first_difference(stdout, expected)}")

    def run_cross(self):
        """The host's executable and the target's, which must agree byte for byte."""
        cross = f"exe-{self.opt.target}"
        exes = {"exe": self.compile_exe(), cross: self.compile_exe(self.opt.target)}
        trees, stdouts = {}, {}
        for mode, exe in exes.items():
            if exe is None:
                return self.failures
            ran = self.run_mode(mode, exe)
            if ran is None:
                return self.failures
            work, stdouts[mode] = ran
            self.check_stdout(mode, stdouts[mode], self.expected_stdout(work))
            trees[mode] = snapshot(work, skip=self.case.ignore_files)
        if stdouts[cross] != stdouts["exe"]:
            self.failures.add(cross, "stdout differs from the host executable's: "
                                     + first_difference(stdouts[cross], stdouts["exe"]))
        for mine, host in zip(self.stderrs[cross], self.stderrs["exe"]):
            if mine != host:
                self.failures.add(cross, f"{mine[0]}: exit status and stderr differ from the "
                                         f"host executable's: {mine[1:]!r} vs {host[1:]!r}")
        if trees[cross] != trees["exe"]:
            self.failures.add(cross, "files differ from the host executable's:\n"
                                     + describe_difference(trees[cross], trees["exe"], cross,
                                                           "exe"))
        return self.failures

    def run(self):
        self.root.mkdir(parents=True, exist_ok=True)
        if self.opt.target:
            return self.run_cross()
        modes = [m for m in MODES if not (m == "node" and self.case.node_skip)]
        exe = self.compile_exe()
        trees = {}
        for mode in modes:
            if mode == "exe" and exe is None:
                continue
            ran = self.run_mode(mode, exe)
            if ran is None:
                continue
            work, stdout = ran
            self.check_stdout(mode, stdout, self.expected_stdout(work))
            if mode != "node" or self.case.node_same_files:
                trees[mode] = snapshot(work, skip=self.case.ignore_files)
        # The files each way left behind must be the same.
        for mode, tree in trees.items():
            if mode != "run" and "run" in trees and tree != trees["run"]:
                self.failures.add(mode, "files differ from `wasmaot run`'s:\n"
                                        + describe_difference(tree, trees["run"], mode, "run"))
        return self.failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wasmaot", required=True)
    parser.add_argument("--node", required=True)
    parser.add_argument("--wasm-dir", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--cache-dir", required=True)
    parser.add_argument("--target", help="also compile for this target triple and compare "
                                         "its executable, run under --emulator, with the host's")
    parser.add_argument("--emulator", help="the qemu-user program for --target")
    parser.add_argument("case", nargs="?", help="the case to run (default: list them)")
    options = parser.parse_args()
    # The programs run in other directories: paths given relative to this one
    # (or to $PATH, for a bare command name) must not change meaning.
    for name in ("wasmaot", "node", "wasm_dir", "work_dir", "cache_dir"):
        value = getattr(options, name)
        if os.sep in value or name.endswith("dir"):
            setattr(options, name, os.path.abspath(value))
    if options.case is None:
        print("\n".join(c.name for c in cases.CASES))
        return 0
    by_name = {c.name: c for c in cases.CASES}
    if options.case not in by_name:
        parser.error(f"no case named {options.case}")
    case = by_name[options.case]
    if options.target:
        if not options.emulator or shutil.which(options.emulator) is None:
            print(f"{case.name}: FAIL: the emulator {options.emulator} for {options.target} "
                  "was not found (Debian's qemu-user; scripts/install-deps.sh installs it)")
            return 1
    elif case.node_skip:
        print(f"{case.name}: not run under Node: {case.node_skip}")
    elif shutil.which(options.node) is None:
        # Node is the independent reference: without it the case is not checked.
        print(f"{case.name}: FAIL: node ({options.node}) not found; it is the reference "
              "these tests compare with. Run scripts/install-deps.sh.")
        return 1
    failures = Runner(options, case).run()
    for failure in failures:
        print(f"{case.name}: FAIL {failure}")
    if not failures:
        print(f"{case.name}: passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
