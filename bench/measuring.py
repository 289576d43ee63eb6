"""Running one command as a fresh child process and measuring it, and the file measurements go to:
what bench/run.py and bench/speed.py share.

:func:`measure` records a command's wall time (``time.perf_counter``), the peak resident memory
of the largest process of its tree (``os.wait4``, which folds in every reaped descendant), the
peak of the whole tree's summed memory (sampled from /proc every 0.2 s), its CPU seconds and the
load average before and after. :class:`Recorder` appends each measurement as a JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["ROOT", "BIN", "Run", "measure", "Recorder", "commit"]

#: The repository: every command is run from it.
ROOT = Path(__file__).resolve().parent.parent
#: The folder of this Python's executables (``nnanim``, ``manim``).
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Run:
    """One command as measured: wall seconds, peak memory in KiB, load averages (1, 5, 15 min)."""

    seconds: float
    returncode: int
    largest_process_kib: int
    tree_peak_kib: int
    cpu_seconds: float
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float]
    output: str


def _descendants_rss_kib(root: int) -> int:
    """The summed resident memory of ``root`` and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        # After the command name: state, ppid, ... and rss (pages) is field 24 of stat, 22 here.
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page_kib
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in tree)


def measure(command: list[str], *, log: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` from the repository root and measure it.

    Parameters
    ----------
    command : list of str
        The program and its arguments, run as a fresh child process.
    log : Path
        Where its output (stdout and stderr together) goes.
    env : dict of str to str, optional
        Its environment (default: this process's).

    Returns
    -------
    Run
        Its wall and CPU seconds, exit code, peak memory, load averages and output.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    load_start = os.getloadavg()
    peak = 0
    done = threading.Event()
    with log.open("w", encoding="utf-8") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env=env)

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.2):
                peak = max(peak, _descendants_rss_kib(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4, not wait: its rusage holds the largest RSS of the child and every descendant it reaped.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        seconds=seconds,
        returncode=process.returncode,
        largest_process_kib=int(usage.ru_maxrss),
        tree_peak_kib=max(peak, int(usage.ru_maxrss)),
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        load_start=load_start,
        load_end=os.getloadavg(),
        output=log.read_text(encoding="utf-8", errors="replace"),
    )


class Recorder:
    """Appends one JSON line per measurement to ``OUT/measurements.jsonl``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / "measurements.jsonl"
        out.mkdir(parents=True, exist_ok=True)

    def record(self, kind: str, quality: str, repeat: int, run: Run, **extra: object) -> dict:
        row = {
            "kind": kind,
            "quality": quality,
            "repeat": repeat,
            "seconds": round(run.seconds, 3),
            "ok": run.returncode == 0,
            "largest_process_kib": run.largest_process_kib,
            "tree_peak_kib": run.tree_peak_kib,
            "cpu_seconds": round(run.cpu_seconds, 3),
            "load_start": [round(x, 2) for x in run.load_start],
            "load_end": [round(x, 2) for x in run.load_end],
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "commit": commit(),
            **extra,
        }
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row) + "\n")
        status = "ok" if row["ok"] else f"FAILED (exit {run.returncode}, see the log)"
        print(
            f"  {kind:<12} -q {quality} #{repeat}: {run.seconds:7.1f} s, {run.tree_peak_kib / 1024:6.0f} MiB tree, "
            f"load {run.load_start[0]:.1f}->{run.load_end[0]:.1f}  {status}",
            flush=True,
        )
        return row

    def rows(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]


def commit() -> str:
    """The repository's commit when the measurement ended (others may commit while a long run goes on)."""
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip()
