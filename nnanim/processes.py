"""Processes of their own: forked children that each lead a process group, so that stopping one
stops everything it started (LaTeX, dvisvgm), and that die with the process that started them.

This module imports nothing of nnanim's but :mod:`nnanim.files`, and no manim.
"""

from __future__ import annotations

import ctypes
import os
import signal
from contextlib import suppress

__all__ = ["become_a_group", "kill_group"]


def become_a_group(parent: int) -> None:
    """Set up a just-forked process: its own process group (:func:`kill_group` stops the group,
    so the LaTeX, dvisvgm or ffmpeg it starts stop with it), dying with ``parent`` (the pid that
    forked it) even if that is killed outright, and a SIGINT or SIGTERM that kills the group at
    once. SIGINT and SIGTERM are unblocked last (a fork made while they were held inherits that)."""
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
    """Kill process ``pid`` and its group (everything it started), with SIGKILL; the pid alone too
    if it had not made its group yet. The caller still reaps ``pid``."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)
