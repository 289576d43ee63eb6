"""Ctrl-C and SIGTERM while rendering: at many moments of a real render, taken by another thread, and
lost during the checks before a render. Each must end every process the render started, at once, and
leave every scene's files all old or all new."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import nnanim.batch
import nnanim.doctor
from nnanim.batch import TEMP_PREFIX
from render_faults import (  # noqa: F401  (fake_renders is a fixture)
    LECTURE, NNANIM, OTHER_VALUES, contents, fake_renders, invoke, scene_folder,
)
from values_files import write_values


# --- Ctrl-C and SIGTERM at many moments of a real render --------------------------------------------


def _process_table() -> dict[int, tuple[int, str, str]]:
    """pid → (parent pid, state, start time) of every process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            table[int(entry.name)] = (int(fields[1]), fields[0], fields[19])
    return table


class Descendants:
    """Every process started under ``root`` while it ran, watched from /proc every 20 ms."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.seen: dict[int, str] = {}  # pid → start time
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._done.is_set():
            table = _process_table()
            family = {self.root} | set(self.seen)
            for pid, (parent, _, start) in table.items():
                if parent in family and pid not in self.seen:
                    self.seen[pid] = start
            time.sleep(0.02)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def alive(self) -> list[int]:
        table = _process_table()
        return [pid for pid, start in self.seen.items() if pid in table and table[pid][2] == start and table[pid][1] != "Z"]


def _render(out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*NNANIM, "render", "dot-product", "one-hot", "-q", "l", "--out", str(out), "-j", "2", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True,
    )


@pytest.fixture(scope="module")
def previous_renders(tmp_path_factory):
    """dot-product and one-hot rendered with the lecture's values, and how long that took."""
    out = tmp_path_factory.mktemp("previous")
    started = time.monotonic()
    process = _render(out)
    _, errors = process.communicate(timeout=900)
    assert process.returncode == 0, errors
    return out, time.monotonic() - started


# How to stop: Ctrl-C in a terminal (SIGINT to the whole process group), `kill` (SIGTERM to the
# command), SIGINT to the command alone (as `kill -INT`), and `kill -9`, after which the render
# processes must die too and the next batch remove what they left.
STOPS = [("ctrl-c", signal.SIGINT, True), ("kill", signal.SIGTERM, False), ("kill -INT", signal.SIGINT, False),
         ("kill -9", signal.SIGKILL, False)]
MOMENTS = [0.1, 0.3, 0.5, 0.7, 0.9]


@pytest.mark.slow
def test_an_interrupt_at_any_moment_ends_everything_fast_and_keeps_whole_scenes(previous_renders, tmp_path):
    source, duration = previous_renders
    other = write_values(tmp_path, OTHER_VALUES, "other.toml")
    old = contents(scene_folder(source))
    scenes_of = {"dot-product": "02_dot-product", "one-hot": "12_one-hot"}
    outcomes = []
    for number, moment in enumerate(MOMENTS):
        name, how, group = STOPS[number % len(STOPS)]
        out = tmp_path / f"at-{moment}"
        shutil.copytree(source, out)
        process = _render(out, "--force", "--values", str(other))
        watch = Descendants(process.pid)
        time.sleep(moment * duration)
        (os.killpg if group else os.kill)(process.pid, how)
        stopped = time.monotonic()
        try:
            process.communicate(timeout=30)
        finally:
            ended = time.monotonic() - stopped
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        if how == signal.SIGKILL:  # the render processes die with the batch, a moment after it
            deadline = time.monotonic() + 5
            while watch.alive() and time.monotonic() < deadline:
                time.sleep(0.1)
        watch.stop()
        left = watch.alive()
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        label = f"{name} at {moment * duration:.1f} s"
        assert ended < 8, f"{label}: took {ended:.1f} s to end"
        assert not left, f"{label}: processes left running: {left}"
        folder = scene_folder(out)
        if how == signal.SIGKILL:
            nnanim.batch.remove_stale_temporaries([folder])
        assert not list(folder.glob(f"{TEMP_PREFIX}*")), label
        now = contents(folder)
        assert set(now) == set(old), label
        for slug, stem in scenes_of.items():
            files = [n for n in old if stem in n]
            changed = [n for n in files if now[n] != old[n]]
            # All old, or all new: every file (the manifest too) replaced, and up to date for the
            # new values by the manifest's digests.
            assert changed in ([], files), f"{label}: {slug} is a mix: {changed} new of {files}"
            if changed:
                manifest = json.loads(now[f".nnanim/{stem}.video-mp4.json"])
                for entry in manifest["files"]:
                    assert hashlib.sha256(now[entry["name"]]).hexdigest() == entry["sha256"]
        outcomes.append((label, process.returncode, round(ended, 2), len(watch.seen)))
    print(outcomes)
    # The moments spread over the render: some stop it before any scene is published.
    assert any(code != 0 for _, code, _, _ in outcomes)


# A batch whose one render would take ten minutes, in a process with a second thread, as a
# notebook's kernel, a Dask client or a BLAS pool has. It prints that thread's id, then how it ended.
_TWO_THREADS = r"""
import sys, threading, time
from pathlib import Path
import nnanim.batch as batch

batch._produce = lambda job, work: time.sleep(600)
other = threading.Thread(target=threading.Event().wait, daemon=True)
other.start()
print(other.native_id, flush=True)
try:
    batch.run_jobs([batch.Job("one-hot", 12, "video", Path(sys.argv[1]))], workers=1)
except batch.BatchInterrupted:
    print("interrupted", flush=True)
"""


def _signal_thread(pid: int, thread: int, number: int) -> None:
    """Send signal ``number`` to one thread of another process (tgkill)."""
    call = {"x86_64": 234, "aarch64": 131}[os.uname().machine]
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.syscall(call, pid, thread, number) == 0, os.strerror(ctypes.get_errno())


def _waiting_in_poll(pid: int) -> bool:
    try:
        return "poll" in Path(f"/proc/{pid}/task/{pid}/wchan").read_text()
    except OSError:
        return False


def test_a_ctrl_c_that_another_thread_takes_stops_the_batch_at_once(tmp_path):
    """The kernel gives a process's signal to any thread not blocking it: to another one whenever
    the main thread holds interrupts for a moment (forking a render, spawning LaTeX). Python 3.11
    then runs the handler only when the main thread next runs Python code, which the batch, asleep
    in poll() until a render ends, did not: Ctrl-C waited for the render."""
    process = subprocess.Popen(
        [sys.executable, "-c", _TWO_THREADS, str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    watch = Descendants(process.pid)
    try:
        thread = int(process.stdout.readline())
        deadline = time.monotonic() + 120
        while not (watch.seen and _waiting_in_poll(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert watch.seen, "the render process never started"
        _signal_thread(process.pid, thread, signal.SIGINT)
        stopped = time.monotonic()
        output, errors = process.communicate(timeout=30)
        ended = time.monotonic() - stopped
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        watch.stop()
    assert output.strip().endswith("interrupted"), errors
    assert ended < 20, f"took {ended:.1f} s"
    assert not watch.alive()
    assert not list((tmp_path / "out" / LECTURE / "dark" / "l").glob(f"{TEMP_PREFIX}*"))


def _losing_an_interrupt(result):
    """A stand-in for a check that loses a Ctrl-C that comes while it runs, returning ``result``."""

    def check(*args):
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:
            pass  # as a C extension's PyErr_Clear() would
        return result

    return check


@pytest.mark.parametrize("where", ["tools", "fonts"])
def test_a_ctrl_c_lost_during_the_checks_before_a_render_stops_it_before_it_starts(fake_renders, tmp_path, monkeypatch,
                                                                                   where):
    """An interrupt can be lost before it reaches the batch: C code that clears errors (an extension
    importing an optional module) drops the KeyboardInterrupt raised inside it. A render first
    checks the values and their fonts (importing the course and numpy), then its tools (importing
    manim, running LaTeX); the render went on as if no Ctrl-C had come."""
    if where == "tools":
        monkeypatch.setattr(nnanim.doctor, "missing_for_render", _losing_an_interrupt([]))
    else:
        monkeypatch.setattr(nnanim.doctor, "check_glyphs", _losing_an_interrupt(nnanim.doctor.Check("fonts", True, "")))
    out = tmp_path / "out"
    result = invoke("render", "one-hot", "-q", "l", "--out", out)
    assert result.exit_code == 1 and "interrupted after 0 of 1 scene(s)" in result.output, result.output
    assert not scene_folder(out).exists() or not list(scene_folder(out).iterdir())
