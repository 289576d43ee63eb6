"""The batch's videos rendered in parts (nnanim/distribute.py) — on every local core or on a Dask
cluster — and published by the batch as one render's files: the parts of a scene come back (as
bytes), are joined here into the video, its subtitles and its beat clips, in a temporary folder
inside the target folder, and the batch's all-or-nothing publish puts them in place with their
manifest. A scene whose part fails keeps its previous files.

This module does not import manim.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from nnanim.distribute import PartFailed, SceneRequest, render_scenes
from nnanim.files import deferred_interrupts
from nnanim.parts import AssembledBeat, PartResult, assemble, beat_seconds

__all__ = ["splittable", "run_videos"]


def splittable(job) -> bool:
    """Whether ``job`` is a video the batch renders in parts (mp4 and webm join by stream copy;
    a gif is one palette for the whole video)."""
    return job.kind == "video" and job.fmt in ("mp4", "webm")


def _manifests(job) -> list[Path]:
    """This scene's video manifests in any theme and quality of its lecture (their beats' lengths
    plan the parts)."""
    return sorted((job.out / job.lecture).glob(f"*/*/.nnanim/{job.stem}.video-*.json"))


def run_videos(
    jobs,
    positions: list[int],
    *,
    workers: int,
    scheduler: str | None,
    publish: Callable,
    on_result: Callable,
) -> None:
    """Render the video jobs at ``positions`` in parts and publish each scene as soon as its parts
    are all back. ``publish(job, work, beats, moves, seconds)`` is the batch's: it puts the files
    ``moves`` ((made, destination) pairs, made inside ``work``) in place with the manifest and
    returns the JobResult; ``on_result(position, result)`` records it."""
    from nnanim.batch import TEMP_PREFIX, BeatInfo, JobResult

    started = time.perf_counter()
    requests = [
        SceneRequest(
            position,
            jobs[position].slug,
            quality=jobs[position].quality,
            theme=jobs[position].theme,
            values=jobs[position].values,
            fmt=jobs[position].fmt,
            seconds=tuple(beat_seconds(jobs[position].slug, _manifests(jobs[position]))),
        )
        for position in positions
    ]

    def finished(request: SceneRequest, outcome: list[PartResult] | BaseException) -> None:
        job = jobs[request.key]
        seconds = time.perf_counter() - started
        if isinstance(outcome, BaseException):
            details = outcome.details if isinstance(outcome, PartFailed) else ""
            on_result(request.key, JobResult(job, "failed", seconds=seconds, message=str(outcome), details=details))
            return
        with _temporary(job.folder, f"{TEMP_PREFIX}{job.stem}-") as work:
            try:
                video, subtitles, beats = assemble(outcome, work / "joined", job.stem)
            except (OSError, RuntimeError, ValueError) as exc:
                on_result(request.key, JobResult(job, "failed", seconds=seconds, message=f"joining the parts: {exc}"))
                return
            video_path, subtitles_path, clips_folder = _destinations(job)
            moves = [(video, video_path), (subtitles, subtitles_path)]
            moves += [(beat.clip, clips_folder / beat.clip.name) for beat in beats]
            infos = tuple(_beat_info(BeatInfo, beat, job) for beat in beats)
            on_result(request.key, publish(job, work, infos, moves, seconds))

    with _temporary(jobs[positions[0]].folder, f"{TEMP_PREFIX}parts-") as work_root:
        render_scenes(requests, workers=workers, scheduler=scheduler, on_scene=finished, work_root=work_root)


def _destinations(job) -> tuple[Path, Path, Path]:
    """Where the batch puts a scene's video, subtitles and beat clips (its Job's own properties
    when it has them)."""
    return (
        getattr(job, "video_path", job.folder / f"{job.stem}.{job.fmt}"),
        getattr(job, "subtitles_path", job.folder / f"{job.stem}.srt"),
        getattr(job, "clips_folder", job.folder / "clips" / job.stem),
    )


def _beat_info(beat_info, beat: AssembledBeat, job):
    clip = _destinations(job)[2] / beat.clip.name
    return beat_info(beat.index, beat.name, beat.caption, beat.start, beat.end, beat.numbers, clip=str(clip.relative_to(job.folder)))


class _temporary:
    """A temporary folder inside ``folder`` holding the batch's lock file (so the batch's clean-up of
    stale temporaries leaves it alone while it is in use), removed at the end."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder, self.prefix = folder, prefix

    def __enter__(self) -> Path:
        # An interrupt waits until the folder is made and locked, and until it is removed, so that
        # no folder stays behind unlocked (the clean-up would leave it for an hour).
        with deferred_interrupts():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=self.prefix, dir=self.folder))
            self.lock = os.open(self.path / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self.lock, fcntl.LOCK_EX)
        return self.path

    def __exit__(self, *exc) -> None:
        with deferred_interrupts():
            os.close(self.lock)
            shutil.rmtree(self.path, ignore_errors=True)
