"""Many scenes' videos as parts on every core or on a cluster: plan the parts, run the longest first,
and hand each scene's finished parts back to the caller, which joins and publishes them.

    render_scenes(requests, workers=2, on_scene=publish)                    # local processes
    render_scenes(requests, workers=2, scheduler="tcp://host:8786", on_scene=publish)   # Dask

Local parts run in a pool of forked processes (each imports manim once and renders part after part)
inside ``work_root``, a folder the caller owns and removes, so that a killed render leaves nothing
elsewhere. On Ctrl-C (KeyboardInterrupt) the pool's processes are killed, or the cluster's tasks
cancelled, before the interrupt goes on: no scene is handed back after it.

This module does not import manim.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nnanim.parts import PartResult, plan_scene, render_part
from nnanim.processes import become_a_group, kill_group

__all__ = ["SceneRequest", "PartFailed", "render_scenes"]

#: How often the wait for parts looks up from its wait (for an interrupt another thread took).
_CHECK_SECONDS = 0.25


@dataclass(frozen=True)
class SceneRequest:
    """One scene's video to render: ``key`` is the caller's name for it; ``seconds`` the last known
    length of each of its beats (nnanim.parts.beat_seconds), for planning."""

    key: Any
    slug: str
    quality: str = "l"
    theme: str = "dark"
    values: Path | None = None
    fmt: str = "mp4"
    seconds: tuple[float, ...] = ()
    split: bool = True


class PartFailed(Exception):
    """A part of a scene failed: its message and traceback (from the process that rendered it)."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message, details)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


@dataclass
class _Scene:
    request: SceneRequest
    parts: list[tuple[int, int | None]]
    done: list[PartResult] = field(default_factory=list)
    failed: bool = False


def _plan(request: SceneRequest, workers: int) -> list[tuple[int, int | None]]:
    if not request.split or request.fmt not in ("mp4", "webm"):
        return [(0, None)]
    return plan_scene(request.seconds, quality=request.quality, workers=workers)


def _estimate(request: SceneRequest, part: tuple[int, int | None]) -> float:
    """Seconds of video a part draws (the remaining beats for the last part); unknown scenes last."""
    first, stop = part
    return sum(request.seconds[first:stop])


def render_scenes(
    requests: Sequence[SceneRequest],
    *,
    workers: int,
    on_scene: Callable[[SceneRequest, list[PartResult] | BaseException], None],
    scheduler: str | None = None,
    work_root: Path | None = None,
) -> None:
    """Render every request's video in parts; call ``on_scene(request, parts)`` in this process when
    all parts of a scene are back (or ``on_scene(request, error)`` at its first failed part)."""
    # Locally the scenes share the workers; a cluster's size is not known here: each scene is
    # planned for ``workers``.
    share = workers if scheduler else max(1, workers // max(1, len(requests)))
    scenes = {request.key: _Scene(request, _plan(request, share)) for request in requests}
    tasks = [(key, number, part) for key, scene in scenes.items() for number, part in enumerate(scene.parts)]
    # The longest first, so that the last part to finish is a short one.
    tasks.sort(key=lambda task: -_estimate(scenes[task[0]].request, task[2]))

    def finished(key: Any, result: PartResult | None, error: BaseException | None) -> None:
        scene = scenes[key]
        if scene.failed:
            return
        if error is not None:
            scene.failed = True
            on_scene(scene.request, error)
            return
        scene.done.append(result)
        if len(scene.done) == len(scene.parts):
            on_scene(scene.request, scene.done)

    if scheduler:
        _on_cluster(scheduler, scenes, tasks, finished)
    else:
        _locally(scenes, tasks, workers, work_root, finished)


def _arguments(request: SceneRequest, part: tuple[int, int | None]) -> dict:
    return {"quality": request.quality, "theme": request.theme, "fmt": request.fmt}


def _part_in_folder(slug, first, stop, options, work) -> PartResult:
    """A part in a pool process, rendered in ``work`` (under the caller's folder)."""
    try:
        return render_part(slug, first, stop, work=work, **options)
    except Exception as exc:
        raise PartFailed(f"{type(exc).__name__}: {exc}", traceback.format_exc()) from None


def _prepare_worker(parent: int) -> None:
    # A group of its own, so that stopping the pool stops the LaTeX and dvisvgm its parts start;
    # the batch decides what Ctrl-C does (a terminal's reaches this process no more).
    become_a_group(parent)
    # Imported once per pool process, not once per part.
    import scenes.registry  # noqa: F401


def _locally(scenes, tasks, workers, work_root, finished) -> None:
    root = work_root or Path(tempfile.mkdtemp(prefix="nnanim-parts-"))
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(workers, len(tasks))),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_prepare_worker,
        initargs=(os.getpid(),),
    )
    try:
        pending: dict[Future, tuple] = {}
        for number, (key, part_number, (first, stop)) in enumerate(tasks):
            request = scenes[key].request
            options = _arguments(request, (first, stop))
            if request.values is not None:
                options["values"] = str(request.values)
            work = root / f"{number:03d}-{request.slug}-{first}"
            pending[pool.submit(_part_in_folder, request.slug, first, stop, options, work)] = (key, work)
        while pending:
            # A timeout, so that a Ctrl-C another thread (the pool's own) took is seen: Python 3.11
            # runs its handler only when this thread next runs Python code.
            done, _ = wait(pending, timeout=_CHECK_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                key, work = pending.pop(future)
                try:
                    result, error = future.result(), None
                except Exception as exc:  # the part raised, or its process died
                    result, error = None, exc
                shutil.rmtree(work, ignore_errors=True)
                finished(key, result, error)
    except BaseException:
        for process in list((pool._processes or {}).values()):
            kill_group(process.pid)
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        if work_root is None:
            shutil.rmtree(root, ignore_errors=True)


def _on_cluster(address, scenes, tasks, finished) -> None:
    from nnanim.cluster import Task, connect, run_on_cluster

    jobs = []
    for key, _, (first, stop) in tasks:
        request = scenes[key].request
        options = _arguments(request, (first, stop))
        if request.values is not None:  # the worker cannot read this machine's file: send its text
            options["values_text"] = Path(request.values).read_text(encoding="utf-8")
        jobs.append(Task(key, _remote_part, (request.slug, first, stop, options)))
    with connect(address) as client:
        run_on_cluster(client, jobs, lambda task, result, error: finished(task.key, result, error))


def _remote_part(slug, first, stop, options) -> PartResult:
    return render_part(slug, first, stop, **options)
