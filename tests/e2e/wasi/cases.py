"""The WASI end-to-end cases: which program, run how, expecting what.

A case's expected stdout is expected/NAME.stdout, written from the WASI spec
(not copied from any one implementation), unless the case has a `model` that
computes it. Node's known deviations from the spec are listed with each case as
(spec line, Node's line) pairs; wasi_e2e.py applies them to Node only.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import models


@dataclass
class Step:
    """One run of the program. A case with several steps runs them in order
    in the same tree; its expected stdout has a `$ ARGS` line before each."""
    args: list
    stdin: Callable = lambda work: b""
    exit: int = 0
    stderr: Optional[str] = None  # a regex the stderr must match
    multi: bool = False

    def label(self):
        return "$ " + " ".join(self.args) if self.args else "$"

    def header(self):
        return self.label() + "\n" if self.multi else ""


def nothing(work):
    return None


def no_checks(work, before, mode):
    return []


@dataclass
class Case:
    name: str
    program: str
    steps: list
    dirs: list = field(default_factory=list)  # (host relative to the tree, guest or None)
    env: list = field(default_factory=list)  # --env values
    compile_env: dict = field(default_factory=dict)  # for `wasmaot compile`
    run_env: dict = field(default_factory=dict)  # for the three runs
    setup: Callable = nothing  # lays out the tree the program starts in
    before_run: Callable = nothing  # returns what after_run compares with
    after_run: Callable = no_checks  # returns failure messages
    model: Optional[Callable] = None  # computes the expected stdout from the tree
    node_skip: str = ""  # why Node cannot run this case at all
    node_deviations: list = field(default_factory=list)
    node_same_files: bool = True  # whether Node's tree must match wasmaot's
    ignore_files: tuple = ()  # left out of the comparison of trees


def single(args=(), **step):
    return [Step(list(args), **step)]


def make_sandbox(work):
    (work / "sandbox").mkdir()


SANDBOX = [("sandbox", "/sandbox")]
IN_SANDBOX = ["/sandbox"]

# Node's uvwasi truncates the nanoseconds of every time it sets, and crashes or
# hangs on some calls (see node_unsafe.c); the pairs below are the lines of
# each program that show it.
NODE_TIMES_IN_SECONDS = "uvwasi sets file times in whole seconds"

CASES = [
    Case("args_env", "args_env",
         single(["plain", "with space", "", "h\u00e9llo w\u00f6rld", "--dir", "-O3",
                 "--invoke", "a=b"]),
         env=["GREETING=hello world", "EMPTY=", "EQ=a=b=c", "INHERITED", "UNSET_ON_HOST"],
         # `--env NAME` takes NAME's value when the program starts: the value
         # at compile time must not stick in the executable.
         compile_env={"INHERITED": "at compile time", "UNSET_ON_HOST": None},
         run_env={"INHERITED": "at run time", "UNSET_ON_HOST": None}),
    # Nothing granted: no arguments but argv[0], an empty environment.
    Case("args_none", "args_env", single()),
    Case("clocks", "clocks", single()),
]

# Ways of ending and the exit status each must give.
for label, args, status in [("exit_0", ["exit", "0"], 0), ("exit_1", ["exit", "1"], 1),
                            ("exit_42", ["exit", "42"], 42), ("exit_255", ["exit", "255"], 255),
                            ("exit_return", ["return", "7"], 7), ("exit_raw", ["raw", "3"], 3),
                            ("exit_underscore", ["_exit", "4"], 4),
                            ("exit_usage", [], 2)]:
    CASES.append(Case(label, "exit", single(args, exit=status)))
CASES.append(Case("exit_trap", "exit",
                  single(["trap"], exit=134,
                         stderr=r"written before the end\n(.*\n)?error: wasm trap: unreachable")))

CASES += [
    Case("fd_ops", "fd_ops",
         single(IN_SANDBOX, stdin=lambda work: b"line one\nline two\n", stderr="to stderr"),
         dirs=SANDBOX, setup=make_sandbox),
    Case("path_ops", "path_ops", single(IN_SANDBOX), dirs=SANDBOX, setup=make_sandbox),
    # Three preopens, one of them ".", listed in the order granted.
    Case("dirs", "dirs", single(IN_SANDBOX),
         dirs=SANDBOX + [("other", "/other/dir"), (".", None)],
         setup=lambda work: (make_sandbox(work), (work / "other").mkdir())),
    Case("poll", "poll", single(IN_SANDBOX), dirs=SANDBOX, setup=make_sandbox),
    Case("unsupported", "unsupported", single(IN_SANDBOX), dirs=SANDBOX, setup=make_sandbox),
    Case("node_unsafe", "node_unsafe", single(IN_SANDBOX), dirs=SANDBOX, setup=make_sandbox,
         node_skip="uvwasi raises proc_raise's signal in the Node process, aborts after "
                   "path_filestat_set_times fails, and takes absolute clock deadlines for "
                   "relative timeouts"),
    Case("sandbox", "sandbox", single(), dirs=SANDBOX, setup=models.make_sandbox_tree,
         before_run=models.outside_sandbox, after_run=models.check_outside_sandbox,
         # uvwasi follows symlinks out of the preopen when it creates files and
         # directories (it writes outside_dir/): Node's node:wasi is no sandbox.
         node_same_files=False),
    Case("archive", "archive",
         [Step(["pack", "tree.war", "tree"], multi=True),
          Step(["list", "tree.war"], multi=True),
          Step(["unpack", "tree.war", "copy"], multi=True),
          Step(["walk", "copy"], multi=True),
          Step(["unpack", "tree.war", "copy"], exit=1, stderr="cannot create copy: ",
               multi=True)],
         dirs=[(".", None)], setup=models.make_tree, after_run=models.check_unpacked,
         model=models.archive_output),
    Case("textsort", "textsort",
         single(stdin=lambda work: models.text_input(),
                stderr=r"textsort: \d+ bytes, \d+ lines, \d+ distinct"),
         model=lambda work: models.textsort_output(models.text_input())),
]
