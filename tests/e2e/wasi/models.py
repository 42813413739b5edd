"""Inputs for the larger WASI programs and Python models of their output.

The archive and textsort programs are checked against what these functions
compute independently, on inputs generated here from a fixed seed: the three
implementations agreeing with each other is not enough. The sandbox helpers
check the host side of the sandbox test.
"""

import functools
import hashlib
import os
import random
import re
import stat
from pathlib import Path

# --- The directory tree the archive program packs --------------------------

WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
         "omicron pi rho sigma tau upsilon phi chi psi omega").split()


def _text(rng, size):
    """Lines of words, with the odd tab and blank line, about size bytes."""
    out = []
    length = 0
    while length < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.1:
            line = "\t" + line
        out.append(line)
        length += len(line) + 1
    return ("\n".join(out) + "\n").encode()[:size]


def make_tree(work):
    """A tree of about 4 MB: nested directories (one empty), text and binary
    files from empty to ~1 MB, names with spaces and UTF-8, symlinks to a file,
    to a directory and to nothing, and fixed times with nanoseconds."""
    rng = random.Random(20240229)
    root = work / "tree"
    dirs = [root]
    root.mkdir()
    for i in range(14):
        parent = rng.choice(dirs)
        name = rng.choice(["src", "docs", "d\u00e9j\u00e0 vu", "lib", "data", "with space"])
        path = parent / f"{name}-{i}"
        path.mkdir()
        dirs.append(path)
    (root / "empty").mkdir()
    files = []
    for i in range(120):
        parent = rng.choice(dirs)
        kind = rng.random()
        if kind < 0.1:
            data = b""
        elif kind < 0.25:
            data = rng.randbytes(rng.randint(1, 70000))
        else:
            data = _text(rng, rng.randint(1, 40000))
        path = parent / f"file-{i:03d}{rng.choice(['.txt', '.bin', ' copy', ''])}"
        path.write_bytes(data)
        files.append(path)
    (root / "big.txt").write_bytes(_text(rng, 1_100_000))
    (root / "link-to-file").symlink_to(os.path.relpath(files[0], root))
    (root / "link-to-dir").symlink_to(os.path.relpath(dirs[3], root))
    (root / "dangling").symlink_to("does/not/exist")
    # Times with nanoseconds, set deepest first (a directory's own time
    # changes when entries are made in it), in an order that does not depend
    # on the order readdir returns names in.
    for path in sorted(root.rglob("*"), key=lambda p: (-len(p.parts), p)):
        ns = 1_500_000_000_000_000_000 + rng.randint(0, 10**17)
        os.utime(path, ns=(ns, ns), follow_symlinks=False)
    os.utime(root, ns=(1_600_000_000_123_456_789,) * 2)


def _entries(root):
    """(path relative to root, lstat) in the program's order: pre-order,
    names sorted bytewise as strcmp does."""
    result = []

    def visit(directory, rel):
        for name in sorted(os.listdir(directory), key=os.fsencode):
            path = directory / name
            child = f"{rel}/{name}" if rel else name
            st = path.lstat()
            result.append((child, path, st))
            if stat.S_ISDIR(st.st_mode):
                visit(path, child)

    visit(root, "")
    return result


def _fnv(data):
    h = 2166136261
    for byte in data:
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def _mtime(st):
    return f"{st.st_mtime_ns // 10**9}.{st.st_mtime_ns % 10**9:09d}"


def _walk_output(root):
    lines = []
    entries = bytes_ = line_count = word_count = 0
    for rel, path, st in _entries(root):
        entries += 1
        if stat.S_ISDIR(st.st_mode):
            lines.append(f"{rel}/")
        elif stat.S_ISLNK(st.st_mode):
            target = "ENOENT" if not path.exists() else "dir" if path.is_dir() else "file"
            lines.append(f"{rel}@ -> {target}")
        else:
            data = path.read_bytes()
            lines_here = data.count(b"\n")
            # The program's word separators are these three bytes only.
            words = len([w for w in re.split(rb"[ \t\n]", data) if w])
            lines.append(f"{rel} {len(data)} {lines_here} {words} {_fnv(data):08x}")
            bytes_ += len(data)
            line_count += lines_here
            word_count += words
    lines.append(f"total: {entries} entries, {bytes_} bytes, {line_count} lines, "
                 f"{word_count} words")
    return "\n".join(lines) + "\n"


def archive_output(work):
    """The archive case's stdout: pack, list, unpack, walk the copy, and a
    second unpack onto the existing copy (which fails, printing nothing)."""
    tree = work / "tree"
    entries = _entries(tree)
    kinds = [stat.S_IFMT(st.st_mode) for _, _, st in entries]
    dirs, links = kinds.count(stat.S_IFDIR), kinds.count(stat.S_IFLNK)
    files = len(kinds) - dirs - links
    size = sum(st.st_size for _, _, st in entries if stat.S_ISREG(st.st_mode))
    listing = []
    for rel, path, st in entries:
        if stat.S_ISDIR(st.st_mode):
            listing.append(f"d {rel} mtime {_mtime(st)}")
        elif stat.S_ISLNK(st.st_mode):
            listing.append(f"l {rel} -> {os.readlink(path)}")
        else:
            data = path.read_bytes()
            listing.append(f"f {rel} {len(data)} {_fnv(data):08x} mtime {_mtime(st)}")
    return (f"$ pack tree.war tree\npacked {dirs} dirs, {files} files, {links} symlinks, "
            f"{size} bytes\n"
            f"$ list tree.war\n" + "\n".join(listing) + f"\n{len(entries)} entries\n"
            f"$ unpack tree.war copy\nunpacked {dirs} dirs, {files} files, {links} symlinks\n"
            f"$ walk copy\n" + _walk_output(tree) +
            "$ unpack tree.war copy\n")


def archive_bytes(root):
    """The archive the program must write for root, byte for byte."""
    out = [b"WAR1\n"]
    u32 = lambda v: v.to_bytes(4, "little")
    u64 = lambda v: v.to_bytes(8, "little")
    for rel, path, st in _entries(root):
        name = rel.encode()
        kind = b"d" if stat.S_ISDIR(st.st_mode) else b"l" if stat.S_ISLNK(st.st_mode) else b"f"
        out += [kind, u32(len(name)), name, u64(st.st_mtime_ns // 10**9),
                u32(st.st_mtime_ns % 10**9)]
        if kind == b"l":
            target = os.fsencode(os.readlink(path))
            out += [u32(len(target)), target]
        elif kind == b"f":
            out += [u64(st.st_size), path.read_bytes()]
    out.append(b"e")
    return b"".join(out)


def check_unpacked(work, before, mode):
    """The archive is what the format says, and unpacking recreated the tree:
    same entries, contents, link targets and times (to the nanosecond, but
    Node sets times in whole seconds, a known deviation)."""
    failures = []
    tree, copy = work / "tree", work / "copy"
    archive = work / "tree.war"
    if not archive.exists() or archive.read_bytes() != archive_bytes(tree):
        failures.append("tree.war is not the archive the format prescribes")
    if not copy.is_dir():
        return failures + ["copy/ was not created"]
    source, result = _entries(tree), _entries(copy)
    if [rel for rel, _, _ in source] != [rel for rel, _, _ in result]:
        return failures + ["copy/ does not hold the same entries as tree/"]
    resolution = 10**9 if mode == "node" else 1
    for (rel, path, st), (_, copy_path, copy_st) in zip(source, result):
        if stat.S_IFMT(st.st_mode) != stat.S_IFMT(copy_st.st_mode):
            failures.append(f"copy/{rel}: a different kind of entry")
        elif stat.S_ISLNK(st.st_mode):
            if os.readlink(path) != os.readlink(copy_path):
                failures.append(f"copy/{rel}: a different link target")
        else:
            if st.st_mtime_ns // resolution != copy_st.st_mtime_ns // resolution:
                failures.append(f"copy/{rel}: mtime {copy_st.st_mtime_ns}, "
                                f"expected {st.st_mtime_ns}")
            if stat.S_ISREG(st.st_mode) and path.read_bytes() != copy_path.read_bytes():
                failures.append(f"copy/{rel}: different contents")
    return failures[:20]


# --- textsort's input and output ---------------------------------------------

@functools.lru_cache(maxsize=None)
def text_input():
    """About 3 MB of lines: many repeated, some blank, some long, the last
    without a newline."""
    rng = random.Random(7)
    pool = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    lines = []
    size = 0
    while size < 3_000_000:
        r = rng.random()
        if r < 0.02:
            line = ""
        elif r < 0.03:
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(50, 400)))
        elif r < 0.6:
            line = rng.choice(pool)
        else:
            line = " ".join(rng.choice(WORDS) + str(rng.randint(0, 999))
                            for _ in range(rng.randint(1, 8)))
        lines.append(line)
        size += len(line) + 1
    return ("\n".join(lines) + "\nno newline at the end").encode()


def textsort_output(data):
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    counts = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    out = [b"%7d %s\n" % (counts[line], line) for line in sorted(counts)]
    words = {}
    total = 0
    for line in lines:
        for word in line.split(b" "):
            if word:
                words[word] = words.get(word, 0) + 1
                total += 1
    out.append(b"== %d words, %d distinct; most common:\n" % (total, len(words)))
    for word, count in sorted(words.items(), key=lambda item: (-item[1], item[0]))[:20]:
        out.append(b"%d %s\n" % (count, word))
    return b"".join(out).decode()


# --- The sandbox test's host side ----------------------------------------------

def make_sandbox_tree(work):
    """What sandbox.c expects: see the comment at its top."""
    (work / "sandbox" / "sub").mkdir(parents=True)
    (work / "outside_dir").mkdir()
    (work / "outside.txt").write_text("secret\n")
    (work / "sandbox" / "inside.txt").write_text("inside\n")
    links = {"link_abs": str(work / "outside.txt"), "link_rel": "../outside.txt",
             "link_dir_out": "../outside_dir", "link_chain": "sub/../link_rel",
             "link_in": "inside.txt"}
    for name, target in links.items():
        (work / "sandbox" / name).symlink_to(target)


def outside_sandbox(work):
    """Everything the program must not touch: the tree minus sandbox/, with
    times, and the sentinel's contents."""
    state = {}
    for path in sorted(work.rglob("*")):
        rel = path.relative_to(work)
        if rel.parts[0] == "sandbox":
            continue
        st = path.lstat()
        state[rel.as_posix()] = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns,
                                 path.read_bytes() if path.is_file() else None)
    return state


# uvwasi follows symlinks out of the preopen when it creates a file or a
# directory (link_dir_out with Node 18 and 20, sub/up with Node 18; see
# cases.py): these are the traces Node is known to leave.
NODE_KNOWN_ESCAPES = {"outside_dir", "outside_dir/created.txt", "outside_dir/made",
                      "outside_dir/x.txt"}


def check_outside_sandbox(work, before, mode):
    after = outside_sandbox(work)
    failures = []
    for rel in sorted(set(before) | set(after)):
        if mode == "node" and rel in NODE_KNOWN_ESCAPES:
            continue
        if rel not in after:
            failures.append(f"escaped the sandbox: {rel} was removed")
        elif rel not in before:
            failures.append(f"escaped the sandbox: {rel} was created")
        elif before[rel] != after[rel]:
            failures.append(f"escaped the sandbox: {rel} was changed")
    return failures
