"""Rendering a batch of scenes: where each output goes, whether it is up to date, and running the
renders in parallel processes with every file written atomically.

Layout under an output folder ``OUT`` (``renders/`` by default), one stable path per scene,
quality and theme, named so that a folder listing is in lecture order::

    OUT/<lecture>/<theme>/<q>/NN_<slug>.mp4        the scene's video (or .webm/.gif), with .srt beside it
    OUT/<lecture>/<theme>/<q>/clips/NN_<slug>/BB_<beat>.mp4   each beat as its own clip (for decks)
    OUT/<lecture>/<theme>/<q>/stills/NN_<slug>_BB_<beat>.png  one still per beat (.svg/.pdf; stills-transparent/)
    OUT/<lecture>/<theme>/<q>/.nnanim/             what each output was made from (the cache manifests)

``<lecture>`` is the lecture's key (``lecture-1``, ``lecture-2``): two lectures never share a folder.

A render happens in a temporary folder inside the target folder and its files are moved into place
with :func:`os.replace`, so an interrupted or failed render leaves the previous good files (or
none), and two renders of one scene at once each publish whole files.

This module does not import manim; the worker function does, in the process that renders.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from nnanim.errors import describe_os_error
from nnanim.files import write_atomically

__all__ = [
    "Job",
    "JobResult",
    "BatchInterrupted",
    "run_jobs",
    "run_job",
    "manifest_of",
    "TEMP_PREFIX",
]

Kind = Literal["video", "stills"]
TEMP_PREFIX = ".nnanim-tmp-"
_MANIFESTS = ".nnanim"


@dataclass(frozen=True)
class Job:
    """One scene to render: a video (with its subtitles and per-beat clips) or its stills.

    ``number`` is the scene's place in its lecture (1-based), used in file names so they sort in
    lecture order; ``lecture`` is that lecture's key, the first folder under ``out``. ``values`` is the user's values file, ``values_key`` the scene's resolved values
    (JSON) that, with the code, quality, theme and format, decide whether the output is up to date.
    """

    slug: str
    number: int
    kind: Kind
    out: Path
    lecture: str = "lecture-1"
    quality: str = "l"
    theme: str = "dark"
    fmt: str = "mp4"
    transparent: bool = False
    values: Path | None = None
    values_key: str = ""
    code_key: str = ""

    @property
    def stem(self) -> str:
        return f"{self.number:02d}_{self.slug}"

    @property
    def folder(self) -> Path:
        """The folder of this lecture, theme and quality."""
        return self.out / self.lecture / self.theme / self.quality

    @property
    def stills_folder(self) -> Path:
        return self.folder / ("stills-transparent" if self.transparent else "stills")

    @property
    def manifest_path(self) -> Path:
        detail = f"{self.kind}-{self.fmt}" + ("-transparent" if self.transparent else "")
        return self.folder / _MANIFESTS / f"{self.stem}.{detail}.json"

    def key(self) -> str:
        """A content hash of everything the output depends on."""
        parts = [self.code_key, self.values_key, self.kind, self.quality, self.theme, self.fmt, str(self.transparent)]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class BeatInfo:
    """A beat as rendered: its name, caption, time span in the video, the numbers on screen at its
    end (as displayed), and its files."""

    index: int
    name: str
    caption: str
    start: float
    end: float
    numbers: tuple[str, ...] = ()
    still: str | None = None
    clip: str | None = None


@dataclass(frozen=True)
class JobResult:
    """How a job ended: ``rendered``, ``cached`` (up to date, nothing done) or ``failed``."""

    job: Job
    status: Literal["rendered", "cached", "failed"]
    seconds: float = 0.0
    files: tuple[str, ...] = ()
    beats: tuple[BeatInfo, ...] = ()
    message: str = ""
    details: str = ""


class BatchInterrupted(Exception):
    """The batch was stopped by SIGINT or SIGTERM; ``results`` holds the jobs that ended."""

    def __init__(self, results: list[JobResult]) -> None:
        super().__init__("interrupted")
        self.results = results


# --- what an output depends on ------------------------------------------------------------------


def values_fingerprint(table: object) -> str:
    """The scene's resolved values as canonical JSON (arrays as nested lists)."""
    from nnmath.lecture import jsonable

    return json.dumps({k: jsonable(v) for k, v in dict(table).items()}, sort_keys=True)


# --- the cache ----------------------------------------------------------------------------------


def manifest_of(job: Job) -> dict | None:
    """The manifest of ``job``'s last finished render, or ``None``."""
    try:
        return json.loads(job.manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_up_to_date(job: Job) -> bool:
    """Whether the last render of ``job`` had the same key and all of its files still exist."""
    manifest = manifest_of(job)
    if manifest is None or manifest.get("key") != job.key():
        return False
    return all((job.folder / name).is_file() for name in manifest.get("files", []))


def _cached_result(job: Job) -> JobResult:
    manifest = manifest_of(job) or {}
    beats = tuple(BeatInfo(**b) for b in manifest.get("beats", []))
    return JobResult(job, "cached", files=tuple(manifest.get("files", [])), beats=beats)


# --- one render (runs in a worker process) ------------------------------------------------------


def run_job(job: Job) -> JobResult:
    """Render ``job`` into a temporary folder beside its outputs, then move them into place."""
    started = time.perf_counter()
    job.folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{job.stem}-", dir=job.folder))
    try:
        with _interrupt_on_terminate():
            scene = _render(job, work)
            beats, moves = _collect(job, work, scene.records)
            _publish(job, moves, beats)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a failed scene must not stop the rest of the batch
        message = describe_os_error(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
        return JobResult(
            job,
            "failed",
            seconds=time.perf_counter() - started,
            message=message,
            details=traceback.format_exc(),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    files = tuple(str(dst.relative_to(job.folder)) for _, dst in moves)
    return JobResult(job, "rendered", seconds=time.perf_counter() - started, files=files, beats=beats)


def _render(job: Job, work: Path):
    from scenes.render import render_scene

    stills = job.kind == "stills"
    return render_scene(
        job.slug,
        media_dir=work / "media",
        quality=job.quality,
        theme=job.theme,
        values=job.values,
        stills_dir=work / "stills" if stills else None,
        stills_format=job.fmt if stills else "png",
        transparent=job.transparent,
        video_format="mp4" if stills else job.fmt,
        save_sections=not stills and job.fmt != "gif",
        # Stills are drawn from each beat's finished state; no frame of video is needed.
        dry_run=stills,
    )


def _collect(job: Job, work: Path, records) -> tuple[tuple[BeatInfo, ...], list[tuple[Path, Path]]]:
    """Pair each produced file with its destination, and describe each beat."""
    moves: list[tuple[Path, Path]] = []
    stills: dict[int, str] = {}
    clips: dict[int, str] = {}
    if job.kind == "stills":
        for record in records:
            source = work / "stills" / f"{job.slug}_{record.index + 1:02d}_{record.name}.{job.fmt}"
            destination = job.stills_folder / f"{job.stem}_{record.index + 1:02d}_{record.name}.{job.fmt}"
            moves.append((source, destination))
            stills[record.index] = str(destination.relative_to(job.folder))
    else:
        videos = [p for p in (work / "media" / "videos").rglob(f"*.{job.fmt}") if _is_final(p)]
        if len(videos) != 1:
            raise RuntimeError(f"expected one {job.fmt} video from manim, found {len(videos)}")
        moves.append((videos[0], job.folder / f"{job.stem}.{job.fmt}"))
        subtitles = videos[0].with_suffix(".srt")
        if subtitles.exists():
            moves.append((subtitles, job.folder / f"{job.stem}.srt"))
        index_files = list((work / "media" / "videos").rglob("sections/*.json"))
        if index_files:
            sections = json.loads(index_files[0].read_text(encoding="utf-8"))
            for record, section in zip(records, sections, strict=True):
                source = index_files[0].parent / section["video"]
                destination = job.folder / "clips" / job.stem / f"{record.index + 1:02d}_{record.name}{source.suffix}"
                moves.append((source, destination))
                clips[record.index] = str(destination.relative_to(job.folder))
    for source, _ in moves:
        if not source.is_file():
            raise RuntimeError(f"the render did not produce {source.name}")
    beats = tuple(
        BeatInfo(
            r.index, r.name, r.caption, r.start, r.end, tuple(r.numbers), still=stills.get(r.index), clip=clips.get(r.index)
        )
        for r in records
    )
    return beats, moves


def _is_final(path: Path) -> bool:
    return "partial_movie_files" not in path.parts and "sections" not in path.parts


def _publish(job: Job, moves: list[tuple[Path, Path]], beats: tuple[BeatInfo, ...]) -> None:
    """Move every file into place (each rename atomic), drop files the last render had and this
    one has not (a scene whose values give fewer beats), and write the manifest last."""
    previous = manifest_of(job) or {}
    for source, destination in moves:
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, destination)
    kept = {str(dst.relative_to(job.folder)) for _, dst in moves}
    for name in previous.get("files", []):
        if name not in kept:
            (job.folder / name).unlink(missing_ok=True)
    manifest = {
        "key": job.key(),
        "slug": job.slug,
        "kind": job.kind,
        "files": sorted(kept),
        "beats": [asdict(b) for b in beats],
    }
    text = json.dumps(manifest, indent=1, ensure_ascii=False)
    write_atomically(job.manifest_path, lambda target: target.write_text(text, encoding="utf-8"))


# --- a batch -----------------------------------------------------------------------------------


def remove_stale_temporaries(folders: Iterable[Path]) -> None:
    """Remove temporary render folders left by a render that was killed (SIGKILL, power loss).

    A folder is stale when the process that made it is gone; its name does not say which, so only
    folders older than an hour are removed — a render in progress never takes that long here.
    """
    cutoff = time.time() - 3600
    for folder in folders:
        for temporary in folder.glob(f"{TEMP_PREFIX}*"):
            try:
                if temporary.stat().st_mtime < cutoff:
                    shutil.rmtree(temporary, ignore_errors=True)
            except OSError:
                continue


def run_jobs(
    jobs: list[Job],
    *,
    workers: int,
    force: bool = False,
    on_result: Callable[[JobResult], None] = lambda result: None,
) -> list[JobResult]:
    """Run ``jobs``: up-to-date ones are skipped (unless ``force``), the rest rendered in up to
    ``workers`` processes. ``on_result`` is called as each job ends. Results come in job order.

    Raises :class:`BatchInterrupted` on SIGINT or SIGTERM, after stopping the workers (which
    remove their temporary folders) — files already published stay.
    """
    results: dict[int, JobResult] = {}
    todo: list[int] = []
    for position, job in enumerate(jobs):
        if not force and is_up_to_date(job):
            results[position] = _cached_result(job)
            on_result(results[position])
        else:
            todo.append(position)
    remove_stale_temporaries({jobs[p].folder for p in todo})
    with _interrupt_on_terminate():
        try:
            if workers <= 1 or len(todo) <= 1:
                for position in todo:
                    results[position] = run_job(jobs[position])
                    on_result(results[position])
            else:
                _run_in_pool(jobs, todo, workers, results, on_result)
        except KeyboardInterrupt:
            raise BatchInterrupted([results[p] for p in sorted(results)]) from None
    return [results[p] for p in range(len(jobs))]


def _run_in_pool(jobs, todo, workers, results, on_result) -> None:
    context = multiprocessing.get_context("fork")
    executor = ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=context)
    try:
        pending: dict[Future, int] = {executor.submit(run_job, jobs[p]): p for p in todo}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                position = pending.pop(future)
                try:
                    results[position] = future.result()
                except Exception as exc:  # the worker process itself died
                    results[position] = JobResult(jobs[position], "failed", message=f"{type(exc).__name__}: {exc}")
                on_result(results[position])
    except KeyboardInterrupt:
        # Workers clean up on SIGTERM; wait for them so no temporary folder outlives the command.
        processes = list((executor._processes or {}).values())
        for process in processes:
            if process.is_alive():
                os.kill(process.pid, signal.SIGTERM)
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


@contextmanager
def _interrupt_on_terminate() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C, and make Ctrl-C (SIGINT) interrupt even when the process started
    with it ignored (as a background job does), so a batch and its renders stop the same orderly
    way: each render removes its temporary folder, the batch stops its workers. Forked workers
    inherit the handlers."""

    def interrupt(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = {number: signal.signal(number, interrupt) for number in (signal.SIGTERM, signal.SIGINT)}
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
