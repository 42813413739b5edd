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
    golden: str = ""  # expected/GOLDEN.stdout when not expected/NAME.stdout
    codegen: list = field(default_factory=list)  # extra flags for `run` and `compile`
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

# --- Node's known deviations from the spec: (spec line, Node's line) ----------
# Seen with Node 20 and Debian's Node 18 unless marked; a deviation need not
# occur. Node cannot run node_unsafe.c at all (see there).

NODE_ARGS_NONE = [
    # environ_get with no variables at all fails.
    ("environ raw get: OK, same strings: yes", "environ raw get: EINVAL, same strings: no"),
]

NODE_FD_OPS = [
    # Times are set in whole seconds.
    ("atime: 1000000000.123456789 mtime: 1200000000.987654321",
     "atime: 1000000000.000000000 mtime: 1200000000.000000000"),
    ("atime kept: yes", "atime kept: no"),
    # fd_fdstat_set_flags(APPEND) takes effect but fd_fdstat_get does not show it.
    ("append flag set: yes", "append flag set: no"),
    # Node 18 accepts contradictory time flags.
    ("raw set_times with both ATIM and ATIM_NOW: EINVAL",
     "raw set_times with both ATIM and ATIM_NOW: OK"),
]

NODE_PATH_OPS = [
    # readlink into a short buffer fails rather than truncating; Node 18
    # counts a NUL after the target.
    ("readlink sym into 3 bytes: 3 [ori] OK", "readlink sym into 3 bytes: -1 [] ENOBUFS"),
    ("readlink sym: 8 [orig.txt]", "readlink sym: 9 [orig.txt]"),
    # path_open ignores a missing SYMLINK_FOLLOW and opens the symlink's target.
    ("open sym O_NOFOLLOW: ELOOP", "open sym O_NOFOLLOW: OK"),
    # Times are set in whole seconds.
    ("t.txt atime 1100000000.000000005 mtime 1300000000.000000007",
     "t.txt atime 1100000000.000000000 mtime 1300000000.000000000"),
    ("mtime kept: yes", "mtime kept: no"),
    ("t.txt filetype regular: yes, size 1, mtim 1300000000000000007",
     "t.txt filetype regular: yes, size 1, mtim 1300000000000000000"),
]

NODE_DIRS = [
    # Other errnos for a short name buffer and for fds that are no preopens.
    ("  prestat_dir_name into a short buffer: ENAMETOOLONG",
     "  prestat_dir_name into a short buffer: ENOBUFS"),
    ("prestat of stdout: EBADF", "prestat of stdout: EINVAL"),
    ("prestat of an opened directory: EBADF", "prestat of an opened directory: EINVAL"),
    # Node 18's readdir cookies do not resume where telldir said.
    ("seekdir(telldir()) returns the same entry: yes",
     "seekdir(telldir()) returns the same entry: no"),
]

NODE_POLL = [
    # poll_oneoff cannot wait for regular files (EPERM), and reports nothing
    # for a closed fd.
    ("poll_oneoff(file readable, 5s timeout): OK",
     "poll_oneoff(file readable, 5s timeout): EPERM"),
    ("events: 1, userdata 555, type fd_read: yes, error: OK, nbytes: 6",
     "events: 1, userdata 222, type fd_read: no, error: OK, nbytes: 0"),
    ("poll_oneoff(file writable): OK", "poll_oneoff(file writable): EPERM"),
    ("events: 1, userdata 777, type fd_write: yes, error: OK",
     "events: 1, userdata 222, type fd_write: no, error: OK"),
    ("poll(file, POLLIN|POLLOUT): 1, revents in: yes, out: yes",
     "poll(file, POLLIN|POLLOUT): -1, revents in: no, out: no"),
    ("poll_oneoff(closed fd): EBADF", "poll_oneoff(closed fd): OK"),
] + [
    # Clock subscriptions may end up to a millisecond early (libuv's timers).
    (f"{check}: yes", f"{check}: no")
    for check in ("nanosleep slept >= 20ms", "clock_nanosleep slept >= 10ms",
                  "usleep slept >= 10ms", "poll waited >= 25ms", "select waited >= 10ms",
                  "returned after the short timeout, before the long one")
]

# sock_* on what is not a socket: missing rights (ENOTCAPABLE) or ENOTSUP.
NODE_UNSUPPORTED = [
    (f"{call} on {what}: ENOTSOCK", f"{call} on {what}: {errno}")
    for what in ("a regular file", "a directory")
    for call, errno in (("recv", "ENOTCAPABLE"), ("send", "ENOTCAPABLE"),
                        ("shutdown", "ENOTSUP"), ("accept", "ENOTCAPABLE"))
] + [(f"raw {call} on a directory: ENOTSOCK", f"raw {call} on a directory: ENOTCAPABLE")
     for call in ("sock_accept", "sock_shutdown")]

NODE_SANDBOX = [
    # uvwasi follows a symlink out of the preopen when the last component is
    # below it, and creates what was asked there (models.NODE_KNOWN_ESCAPES).
    ("open /sandbox/link_dir_out/anything: ENOTCAPABLE",
     "open /sandbox/link_dir_out/anything: ENOENT"),
    ("open /sandbox/link_dir_out/created.txt (create): ENOTCAPABLE",
     "open /sandbox/link_dir_out/created.txt (create): OPENED, content []"),
    ("mkdir through link_dir_out: ENOTCAPABLE", "mkdir through link_dir_out: OK"),
    ("symlink ../../outside_dir <- /sandbox/sub/up, open /sandbox/sub/up/x.txt: blocked",
     "symlink ../../outside_dir <- /sandbox/sub/up, open /sandbox/sub/up/x.txt: ESCAPED"),
    # Other errnos, and a missing SYMLINK_FOLLOW ignored.
    ("symlink created outside: ENOTCAPABLE", "symlink created outside: EPERM"),
    ("raw path_open nofollow link_abs [link_abs]: ELOOP",
     "raw path_open nofollow link_abs [link_abs]: OK"),
    ("raw path_open empty []: ENOENT", "raw path_open empty []: EINVAL"),
    # Node 18 opens an empty path (the directory itself) and takes an absolute
    # path as relative to the preopen.
    ("raw path_open empty []: ENOENT", "raw path_open empty []: OK"),
    ("raw path_open absolute inside name [/sandbox/inside.txt]: ENOTCAPABLE",
     "raw path_open absolute inside name [/sandbox/inside.txt]: OK"),
]

def make_edges_tree(work):
    """What path_edges.c expects: an empty sandbox/, and beside it what its
    escaping symlinks point to, which the case checks stays untouched."""
    (work / "sandbox").mkdir()
    (work / "outside_dir").mkdir()
    (work / "outside.txt").write_text("secret\n")


# uvwasi refuses to create a symlink whose target has ".." climbing above the
# preopen, judged from the preopen rather than from the link's directory (so
# dir/back -> ../file, which stays inside, is refused too). Each such link is
# then missing: (link, target, followed by stat, followed by path_open).
_NODE_REFUSED_LINKS = [
    ("up", "..", "ENOTCAPABLE", "ENOTCAPABLE"),
    ("out", "../outside.txt", "ENOTCAPABLE", "ENOTCAPABLE"),
    ("outdir", "../outside_dir", "ENOTCAPABLE", "ENOTCAPABLE"),
    ("outnew", "../created.txt", "ENOTCAPABLE", "ENOTCAPABLE"),
    ("dir/back", "../file", "OK file", "OK file [data]"),
    ("dir/top", "../..", "ENOTCAPABLE", "ENOTCAPABLE"),
]

NODE_PATH_EDGES = [
    (f'path_symlink "{target}" <- "{link}": OK',
     f'path_symlink "{target}" <- "{link}": ENOTCAPABLE')
    for link, target, _, _ in _NODE_REFUSED_LINKS
] + [
    (spec, f"{call}: ENOENT")
    for link, target, stat_spec, open_spec in _NODE_REFUSED_LINKS
    for call, spec in ((f'path_filestat_get "{link}"', f'path_filestat_get "{link}": OK symlink'),
                       (f'path_filestat_get follow "{link}"',
                        f'path_filestat_get follow "{link}": {stat_spec}'),
                       (f'path_open follow "{link}"', f'path_open follow "{link}": {open_spec}'),
                       (f'path_readlink "{link}"', f'path_readlink "{link}": OK "{target}"'))
] + [
    # What goes through the missing links (chain -> dir/back, chain_out ->
    # dir/top, and the calls later on) is ENOENT as well.
    (f"{call}: {spec}", f"{call}: ENOENT")
    for call, spec in (
        ('path_open "up/"', "ENOTCAPABLE"), ('path_open "outdir/"', "ENOTCAPABLE"),
        ('path_filestat_get follow "chain"', "OK file"),
        ('path_open follow "chain"', "OK file [data]"),
        ('path_filestat_get follow "chain_out"', "ENOTCAPABLE"),
        ('path_open follow "chain_out"', "ENOTCAPABLE"),
        ('path_open "out"', "ELOOP"), ('path_open "dir/back/"', "ENOTDIR"),
        ('path_open "dir/top/outside.txt"', "ENOTCAPABLE"),
        ('path_open "up/sandbox/file"', "ENOTCAPABLE"), ('path_open "outdir/x"', "ENOTCAPABLE"),
        ('path_open follow trunc "out"', "ENOTCAPABLE"),
        ('path_open creat "outdir/new"', "ENOTCAPABLE"),
        ('path_create_directory "outdir/made"', "ENOTCAPABLE"),
        ('path_create_directory "up/made"', "ENOTCAPABLE"),
        ('path_filestat_set_times follow "out"', "ENOTCAPABLE"),
        ('path_filestat_set_times "out"', "OK"),
        ('path_link follow "out" -> "stolen"', "ENOTCAPABLE"),
        ('path_link follow "chain_out" -> "stolen"', "ENOTCAPABLE"),
        ('path_link "out" -> "outlink"', "OK"),
        ('path_readlink "outlink"', 'OK "../outside.txt"'),
        ('path_rename "out" -> "out2"', "OK"), ('path_readlink "out2"', 'OK "../outside.txt"'),
        ('path_rename "out2" -> "out"', "OK"),
        ('path_rename "file" -> "outdir/stolen"', "ENOTCAPABLE"),
        ('path_unlink_file "up"', "OK"), ('path_unlink_file "outdir"', "OK"),
        ('path_unlink_file "outlink"', "OK"))
] + [
    # With outnew missing, O_CREAT through it makes a plain file inside.
    ('path_open follow creat "outnew": ENOTCAPABLE',
     'path_open follow creat "outnew": OK file []'),
    # An empty symlink target: EINVAL rather than ENOENT.
    ('path_symlink "" <- "empty": ENOENT', 'path_symlink "" <- "empty": EINVAL'),
    # A missing SYMLINK_FOLLOW is ignored: a last symlink is opened through.
    ('path_open directory "dlink": ENOTDIR', 'path_open directory "dlink": OK dir'),
    ('path_open creat "newslash": ELOOP', 'path_open creat "newslash": EISDIR'),
    ('path_open "flink": ELOOP', 'path_open "flink": OK file [data]'),
    ('path_open "dangling": ELOOP', 'path_open "dangling": ENOENT'),
    # Paths are normalized as text first: a link leaving the preopen and
    # coming back in (../sandbox/file) is followed.
    ('path_filestat_get follow "reenter": ENOTCAPABLE',
     'path_filestat_get follow "reenter": OK file'),
    ('path_open follow "reenter": ENOTCAPABLE', 'path_open follow "reenter": OK file [data]'),
    # O_CREAT|O_EXCL follows a dangling symlink and creates its target.
    ('path_open follow creat excl "dangling": EEXIST',
     'path_open follow creat excl "dangling": OK file []'),
    ('path_filestat_get follow "dangling": ENOENT',
     'path_filestat_get follow "dangling": OK file'),
]

FD_OPS_STEPS = single(IN_SANDBOX, stdin=lambda work: b"line one\nline two\n",
                      stderr="to stderr")
TEXTSORT_STEPS = single(stdin=lambda work: models.text_input(),
                        stderr=r"textsort: \d+ bytes, \d+ lines, \d+ distinct")
TEXTSORT_MODEL = lambda work: models.textsort_output(models.text_input())  # noqa: E731

CASES = [
    Case("args_env", "args_env",
         # What follows the module is the program's, even wasmaot's own options.
         single(["--env", "NOT=an option", "plain", "with space", "", "h\u00e9llo w\u00f6rld",
                 "--dir", "-O3", "--invoke", "a=b"]),
         env=["GREETING=hello world", "EMPTY=", "EQ=a=b=c", "INHERITED", "UNSET_ON_HOST"],
         # `--env NAME` takes NAME's value when the program starts: the value
         # at compile time must not stick in the executable.
         compile_env={"INHERITED": "at compile time", "UNSET_ON_HOST": None},
         run_env={"INHERITED": "at run time", "UNSET_ON_HOST": None}),
    # Nothing granted: no arguments but argv[0], an empty environment.
    Case("args_none", "args_env", single(), node_deviations=NODE_ARGS_NONE),
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
    Case("fd_ops", "fd_ops", FD_OPS_STEPS, dirs=SANDBOX, setup=make_sandbox,
         node_deviations=NODE_FD_OPS),
    Case("path_ops", "path_ops", single(IN_SANDBOX), dirs=SANDBOX, setup=make_sandbox,
         node_deviations=NODE_PATH_OPS),
    # Three preopens, one of them ".", listed in the order granted.
    Case("dirs", "dirs", single(IN_SANDBOX),
         dirs=SANDBOX + [("other", "/other/dir"), (".", None)],
         setup=lambda work: (make_sandbox(work), (work / "other").mkdir()),
         node_deviations=NODE_DIRS),
    Case("poll", "poll", single(IN_SANDBOX), dirs=SANDBOX, setup=make_sandbox,
         node_deviations=NODE_POLL),
    Case("unsupported", "unsupported", single(IN_SANDBOX), dirs=SANDBOX, setup=make_sandbox,
         node_deviations=NODE_UNSUPPORTED),
    Case("node_unsafe", "node_unsafe", single(IN_SANDBOX), dirs=SANDBOX, setup=make_sandbox,
         node_skip="uvwasi raises proc_raise's signal in the Node process, aborts after "
                   "path_filestat_set_times fails, and takes absolute clock deadlines for "
                   "relative timeouts"),
    Case("sandbox", "sandbox", single(), dirs=SANDBOX, setup=models.make_sandbox_tree,
         before_run=models.outside_sandbox, after_run=models.check_outside_sandbox,
         ignore_files=("sandbox/link_abs",),  # an absolute path: each tree's own
         # uvwasi follows symlinks out of the preopen when it creates files and
         # directories (it writes outside_dir/): Node's node:wasi is no sandbox.
         node_same_files=False, node_deviations=NODE_SANDBOX),
    # Trailing slashes and symlink targets through every path call.
    Case("path_edges", "path_edges", single(IN_SANDBOX), dirs=SANDBOX, setup=make_edges_tree,
         before_run=models.outside_sandbox, after_run=models.check_outside_sandbox,
         # Node never makes dir/back and dir/top, and its O_CREAT|O_EXCL makes
         # nowhere (see NODE_PATH_EDGES); it changes nothing outside.
         node_same_files=False, node_deviations=NODE_PATH_EDGES),
    Case("archive", "archive",
         [Step(["pack", "tree.war", "tree"], multi=True),
          Step(["list", "tree.war"], multi=True),
          Step(["unpack", "tree.war", "copy"], multi=True),
          Step(["walk", "copy"], multi=True),
          Step(["unpack", "tree.war", "copy"], exit=1, stderr="cannot create copy: ",
               multi=True)],
         dirs=[(".", None)], setup=models.make_tree, after_run=models.check_unpacked,
         model=models.archive_output,
         # Node 18's stat resolves a symlink's target from the preopen, not
         # from the directory holding the link.
         node_deviations=[("link-to-dir@ -> dir", "link-to-dir@ -> ENOENT"),
                          ("link-to-file@ -> file", "link-to-file@ -> ENOENT")]),
    Case("textsort", "textsort", TEXTSORT_STEPS, model=TEXTSORT_MODEL),
    # The same programs with the other bounds-check strategy and optimization
    # levels: their output must not change.
    Case("textsort_explicit_O0", "textsort", TEXTSORT_STEPS, model=TEXTSORT_MODEL,
         codegen=["--bounds-checks", "explicit", "-O", "0"]),
    Case("fd_ops_explicit_O1", "fd_ops", FD_OPS_STEPS, dirs=SANDBOX, setup=make_sandbox,
         codegen=["--bounds-checks", "explicit", "-O", "1"], golden="fd_ops",
         node_deviations=NODE_FD_OPS),
]
