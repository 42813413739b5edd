"""What the benchmarks in bench/ share: how one run is timed, and how the runs
of several commands are interleaved so that their ratios stay meaningful on a
machine whose speed drifts.

Times are wall times from spawning a program to reaping it, with its stdout
sent to /dev/null (a benchmark's output is checked separately, untimed).
"""
import os
import statistics
import subprocess
import sys
import time


def _name():
    """The running benchmark's name, for error messages (e.g. startup.py)."""
    return os.path.basename(sys.argv[0])


def run(cmd, **kw):
    """Runs cmd to completion, untimed, with its stdout discarded; raises
    CalledProcessError if it fails."""
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)


def timed(cmd, before=None):
    """Wall time in ms of one run of cmd, from spawning it to reaping it;
    before() runs untimed first. posix_spawn (vfork and exec) rather than
    subprocess, whose pipes and bookkeeping would add a constant that is not
    the program's and that flatters every ratio. cmd[0] must be a path (no
    PATH search). Exits the benchmark if cmd fails: a failing program's time
    means nothing."""
    if before:
        before()
    actions = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter()
    pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("%s: %s failed (status %d)" % (_name(), " ".join(cmd), status))
    return elapsed


def interleaved_times(cmds, runs):
    """All wall times (ms) of each command, running them in turn, round after
    round, so that drift in the machine's speed (frequency, other load)
    affects all of them alike and their ratios stay meaningful."""
    times = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            times[i].append(timed(cmd))
    return times


def interleaved_medians(cmds, runs):
    """Median wall time (ms) of each command, interleaved as above."""
    return [statistics.median(t) for t in interleaved_times(cmds, runs)]


def median_time(cmd, runs, before=None):
    """Median wall time (ms) of runs runs of cmd, one after the other."""
    return statistics.median(timed(cmd, before) for _ in range(runs))
