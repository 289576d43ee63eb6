"""Work in processes of their own, and stopping all of it on Ctrl-C or SIGTERM.

:func:`run_in_processes` runs tasks in forked processes, a few at a time: each process leads a
process group (:func:`become_a_group`), so that stopping it stops everything it started (LaTeX,
dvisvgm), works in a temporary folder the caller makes and this module removes, sends back one
picklable value through a pipe, and dies with the process that started it even if that one is
killed outright. On Ctrl-C or SIGTERM (:func:`interruptible`) every running process group is
killed, reaped and its folder removed before the interrupt goes on.

    with interruptible() as interrupts:
        run_in_processes(tasks, workers=2, open_folder=..., body=..., finish=...,
                         failed_to_start=..., interrupts=interrupts)

nnanim/batch.py renders scenes with it; nnanim/distribute.py's process pool uses its process
groups. This module imports nothing of nnanim's but :mod:`nnanim.files`, and no manim.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import select
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from nnanim.files import deferred_interrupts, restore_handlers

__all__ = ["Ended", "Interrupts", "interruptible", "run_in_processes", "become_a_group", "kill_group"]

Task = TypeVar("Task")


@dataclass(frozen=True)
class Ended:
    """How a task's process ended.

    Attributes
    ----------
    payload
        What the task's body returned (unpickled), or ``None`` when the process sent nothing
        whole (it was killed, or ended some other way).
    status
        The process's wait status (``os.waitstatus_to_exitcode`` reads it).
    seconds
        Wall-clock seconds from its start to its end.
    """

    payload: object | None
    status: int
    seconds: float

    def how(self) -> str:
        """Why a process sent nothing back, in words: "was killed by SIGKILL", "ended with exit
        status 1 before sending its result"."""
        if os.WIFSIGNALED(self.status):
            return f"was killed by {signal.Signals(os.WTERMSIG(self.status)).name}"
        return f"ended with exit status {os.waitstatus_to_exitcode(self.status)} before sending its result"


@dataclass
class _Running(Generic[Task]):
    """A process :func:`run_in_processes` started."""

    task: Task
    pid: int
    folder: Path
    held: int  # a descriptor held for it (its folder's lock); the process shares it
    reader: int  # the end of the pipe its payload comes through
    started: float = field(default_factory=time.perf_counter)
    data: bytearray = field(default_factory=bytearray)
    reaped: bool = False  # its pid may belong to another process now: never signal it


def run_in_processes(
    tasks: Sequence[Task],
    *,
    workers: int,
    open_folder: Callable[[Task], tuple[Path, int]],
    body: Callable[[Task, Path], object],
    finish: Callable[[Task, Path, Ended], None],
    failed_to_start: Callable[[Task, OSError], None],
    interrupts: Interrupts,
) -> None:
    """Run each task's ``body`` in a forked process, at most ``workers`` at a time, in order.

    Parameters
    ----------
    tasks
        What to run, in the order to start them.
    workers
        How many processes at once (at least one).
    open_folder
        Called here before a task's process is forked: makes its temporary folder and returns it
        with a descriptor to hold while the process runs (a lock on the folder, say). Both are
        closed and removed when the process has ended and ``finish`` has returned, or when it is
        killed.
    body
        Called in the forked process with the task and its folder; its return value is pickled
        back. It should catch its own errors (and return them): one it raises ends the process
        with status 1 and no payload. It never returns into the caller's code: the process exits
        right after it, without waiting for threads it left.
    finish
        Called here when a task's process has ended, with what it sent back, before its folder
        is removed (so that ``finish`` can still move files out of it).
    failed_to_start
        Called here when ``open_folder`` or the fork fails with an OSError; the others go on.
    interrupts
        The guard of :func:`interruptible`: its pipe is polled with the processes' pipes.

    Raises
    ------
    KeyboardInterrupt
        On Ctrl-C or SIGTERM, after every running process group has been killed, reaped and its
        folder removed. ``finish`` has been called for the tasks that ended before.
    """
    waiting = list(tasks)
    running: dict[int, _Running[Task]] = {}
    try:
        while waiting or running:
            interrupts.check()
            while waiting and len(running) < max(1, workers):
                task = waiting.pop(0)
                # Held so that an interrupt cannot fall between making the folder or the process
                # and remembering it.
                with deferred_interrupts():
                    try:
                        process = _start(task, open_folder, body, running)
                    except OSError as exc:  # e.g. the temporary folder cannot be made
                        failed_to_start(task, exc)
                        continue
                    running[process.reader] = process
            if not running:
                continue
            # poll, not select: a long-lived caller (a notebook) may hold descriptors past select's 1024.
            poller = select.poll()
            for reader in running:
                poller.register(reader, select.POLLIN)
            if interrupts.reader is not None:  # a signal wakes the wait, whichever thread took it
                poller.register(interrupts.reader, select.POLLIN)
            for reader, _ in poller.poll():
                if reader == interrupts.reader:
                    interrupts.check()
                    continue
                process = running[reader]
                chunk = os.read(reader, 1 << 16)
                if chunk:
                    process.data += chunk
                    continue
                # The pipe closed: the process ended. It stays in `running` until finished, so that
                # an interrupt meanwhile still removes its folder.
                _finish(process, finish)
                del running[reader]
    finally:
        _stop(list(running.values()))


def _start(task: Task, open_folder, body, running: dict[int, _Running]) -> _Running:
    folder, held = open_folder(task)
    reader = writer = None
    try:
        reader, writer = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the task's process
            for other in running.values():
                for descriptor in (other.reader, other.held):
                    with suppress(OSError):
                        os.close(descriptor)
            os.close(reader)
            _run_body(task, folder, body, writer, parent)
        os.close(writer)
        with suppress(OSError):  # the child does the same; whichever runs first
            os.setpgid(pid, pid)
    except BaseException:
        for descriptor in (held, reader, writer):
            if descriptor is not None:
                with suppress(OSError):
                    os.close(descriptor)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return _Running(task, pid, folder, held, reader)


def _run_body(task, folder: Path, body, result_fd: int, parent: int) -> None:
    """A task's process (after fork): run ``body``, send back what it returns, and exit at once:
    never returning into the caller's code, and never waiting at exit for threads it left."""
    code = 1
    try:
        become_a_group(parent)
        payload = body(task, folder)
        with os.fdopen(result_fd, "wb") as stream:
            pickle.dump(payload, stream)
        code = 0
    finally:
        os._exit(code)


def _finish(process: _Running, finish) -> None:
    """Reap an ended process, hand what it sent to ``finish``, then remove its folder."""
    try:
        _, status = os.waitpid(process.pid, 0)
        process.reaped = True
        seconds = time.perf_counter() - process.started
        try:
            payload = pickle.loads(bytes(process.data))
        except Exception:  # nothing, or part of it: the process died before it had sent all
            payload = None
        finish(process.task, process.folder, Ended(payload, status, seconds))
    finally:
        _remove_folder(process)


def _stop(processes: list[_Running]) -> None:
    """Kill processes (and everything they started), reap them and remove their folders."""
    alive = [process for process in processes if not process.reaped]
    for process in alive:
        kill_group(process.pid)
    for process in alive:
        with suppress(ChildProcessError):
            os.waitpid(process.pid, 0)
        process.reaped = True
    for process in processes:
        _remove_folder(process)


def _remove_folder(process: _Running) -> None:
    for descriptor in (process.reader, process.held):
        with suppress(OSError):
            os.close(descriptor)
    shutil.rmtree(process.folder, ignore_errors=True)


def become_a_group(parent: int) -> None:
    """Set up a just-forked process to lead a process group of its own.

    :func:`kill_group` then stops the group, so the LaTeX, dvisvgm or ffmpeg the process starts
    stop with it. The process dies with ``parent`` even if that is killed outright
    (``PR_SET_PDEATHSIG``), and a SIGINT or SIGTERM kills its group at once. SIGINT and SIGTERM
    are unblocked last: a fork made while they were held (``deferred_interrupts``) inherits that.

    Parameters
    ----------
    parent
        The pid of the process that forked this one (``os.getpid()`` there, before the fork).
    """
    os.setpgid(0, 0)

    def stop_group(number: int, frame: object) -> None:
        os.killpg(0, signal.SIGKILL)

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, stop_group)
    # In its own group the process is in the background: let it write to the terminal even under
    # `stty tostop` instead of stopping.
    signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG (Linux)
    if os.getppid() != parent:  # the parent ended before the line above
        os.killpg(0, signal.SIGKILL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


def kill_group(pid: int) -> None:
    """Kill process ``pid`` and its process group (everything it started) with SIGKILL.

    The process alone is killed too, in case it had not made its group yet. The caller still
    reaps ``pid``.

    Parameters
    ----------
    pid
        A child that leads (or is about to lead) a group, as after :func:`become_a_group`.
    """
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)


# --- Ctrl-C and SIGTERM -------------------------------------------------------------------------


_INTERRUPTS = (signal.SIGINT, signal.SIGTERM)


class Interrupts:
    """SIGINT and SIGTERM turned into KeyboardInterrupt while a batch runs, and noted where the
    batch can see them even when that exception never reaches it.

    Python runs a signal's handler in the main thread, but its C-level part runs in whichever
    thread the kernel gives the signal to: another one (a BLAS pool's, a Dask client's, a notebook
    kernel's) when the main thread blocks it for a moment, as it does while forking a render
    (``deferred_interrupts``) or spawning LaTeX. Python 3.11 then tells the main thread only when
    it next runs Python code, not while it sleeps in ``poll()`` waiting for renders, so a Ctrl-C
    could wait for a render to end, minutes at a high quality. Here the C-level handler also writes
    the signal's number to a pipe (``signal.set_wakeup_fd``) that the batch's wait includes, and a
    signal read from it stops the batch even if its KeyboardInterrupt was lost or swallowed on the
    way (during the command's start-up, say, which imports manim and runs LaTeX).

    ``reader`` is the pipe's end to poll, ``None`` outside the main thread, where signals are left
    alone. Use :func:`interruptible`; :func:`run_in_processes` polls it.
    """

    def __init__(self) -> None:
        self.reader: int | None = None
        self._writer: int | None = None
        self._arrived = False
        self._previous_fd: int | None = None  # the wakeup pipe before this one, once replaced
        self._handlers: list[tuple[int, object]] = []

    def start(self) -> None:
        """Take over SIGINT and SIGTERM (main thread only). On an error, or an interrupt raised
        meanwhile, what was taken over is not given back: call :meth:`stop` in any case."""
        self.reader, self._writer = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        self._previous_fd = signal.set_wakeup_fd(self._writer, warn_on_full_buffer=False)
        for number in _INTERRUPTS:  # one at a time, so that stop() puts back exactly those set
            self._handlers.append((number, signal.signal(number, _raise_interrupt)))

    def stop(self) -> None:
        """Give SIGINT, SIGTERM and the wakeup pipe back as they were."""
        try:
            restore_handlers(self._handlers)
        finally:
            if self._previous_fd is not None:
                self.arrived()  # hands other signals' numbers on to the previous pipe
                signal.set_wakeup_fd(self._previous_fd)
            for descriptor in (self.reader, self._writer):
                if descriptor is not None:
                    os.close(descriptor)
            self.reader = self._writer = self._previous_fd = None

    def arrived(self) -> bool:
        """Whether SIGINT or SIGTERM has come since the batch began."""
        while self.reader is not None:
            try:
                numbers = os.read(self.reader, 512)
            except BlockingIOError:
                break
            if not numbers:
                break
            self._arrived = self._arrived or any(number in _INTERRUPTS for number in numbers)
            # Other signals' numbers belong to whoever set the pipe before (a notebook's asyncio loop).
            others = bytes(number for number in numbers if number not in _INTERRUPTS)
            if others and self._previous_fd is not None and self._previous_fd >= 0:
                with suppress(OSError):
                    os.write(self._previous_fd, others)
        return self._arrived

    def check(self) -> None:
        """Raise KeyboardInterrupt if SIGINT or SIGTERM has come."""
        if self.arrived():
            raise KeyboardInterrupt


def _raise_interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


# The guard in force in this process, if any: a command enters it before its checks, and the
# batch it then runs uses the same one.
_active: Interrupts | None = None


@contextmanager
def interruptible() -> Iterator[Interrupts]:
    """Within this block SIGTERM acts like Ctrl-C, Ctrl-C (SIGINT) interrupts even when the process
    started with it ignored (as a background job does), and either one, whichever thread takes it,
    stops a batch run inside the block (:func:`run_jobs` raises :class:`BatchInterrupted`). A
    command enters it before its own checks, so that a Ctrl-C during them is not lost. Blocks
    nest: an inner one uses the outer one's. Outside the main thread signals are left alone.

    Yields
    ------
    Interrupts
        The guard in force, for :func:`run_in_processes` (``check()`` raises KeyboardInterrupt
        once SIGINT or SIGTERM has come).
    """
    global _active
    if threading.current_thread() is not threading.main_thread():
        yield Interrupts()
        return
    if _active is not None:
        yield _active
        return
    guard = Interrupts()
    try:
        guard.start()
        _active = guard
        yield guard
    finally:
        _active = None
        guard.stop()


def _forget_the_guard_in_a_child() -> None:
    """In a process forked while a guard is in force (a render, a pool's worker): its signals are
    its own, and must not be written into the batch's pipe."""
    global _active
    if _active is not None and _active.reader is not None:
        with suppress(ValueError):
            signal.set_wakeup_fd(-1)
        for descriptor in (_active.reader, _active._writer):
            with suppress(OSError):
                os.close(descriptor)
    _active = None


os.register_at_fork(after_in_child=_forget_the_guard_in_a_child)
