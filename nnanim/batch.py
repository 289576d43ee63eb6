"""Rendering a batch of scenes: where each output goes, whether it is up to date, and running the
renders in parallel processes with every file written atomically.

Layout under an output folder ``OUT`` (``renders/`` by default), one stable path per scene,
quality and theme, named so that a folder listing is in lecture order::

    OUT/<lecture>/<theme>/<q>/NN_<slug>.mp4        the scene's video (or .webm/.gif), with .srt beside it
    OUT/<lecture>/<theme>/<q>/clips/NN_<slug>/BB_<beat>.mp4   each beat as its own clip (for decks)
    OUT/<lecture>/<theme>/<q>/stills/NN_<slug>_BB_<beat>.png  one still per beat (.svg/.pdf; stills-transparent/)
    OUT/<lecture>/<theme>/<q>/.nnanim/             what each output was made from (the cache manifests)

``<lecture>`` is the lecture's key (``lecture-1``, ``lecture-2``): two lectures never share a folder.

Each scene renders in a process of its own (forked, in its own process group, so that stopping it
stops the LaTeX and dvisvgm it started too: :mod:`nnanim.processes`), into a temporary folder inside
the target folder.
When it ends, this process publishes the scene's files together (:func:`nnanim.files.replace_together`):
all of them replace the old ones, or, if any step fails, none do. The manifest written with them
records each file's size and SHA-256, and a scene is up to date only when every file still has
them. Ctrl-C or SIGTERM kills the render processes, removes their temporary folders and leaves the
published files as they were; a publish that has begun finishes first (it takes milliseconds).

This module does not import manim; the render process does.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from nnanim.batch_parts import run_videos, splittable
from nnanim.errors import describe_os_error
from nnanim.files import MixedFiles, file_digest, replace_together
from nnanim.processes import Ended, Interrupts, interruptible, run_in_processes

__all__ = [
    "Job",
    "JobResult",
    "BatchInterrupted",
    "run_jobs",
    "is_up_to_date",
    "publish",
    "manifest_of",
    "TEMP_PREFIX",
]

Kind = Literal["video", "stills"]
TEMP_PREFIX = ".nnanim-tmp-"
_MANIFESTS = ".nnanim"
#: The manifest's layout: 2 lists each file with its size and SHA-256. Older manifests never count
#: as up to date.
MANIFEST_VERSION = 2


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
    def video_path(self) -> Path:
        return self.folder / f"{self.stem}.{self.fmt}"

    @property
    def subtitles_path(self) -> Path:
        """The video's subtitles: ``NN_slug.srt`` beside an mp4, where players look for them, and
        ``NN_slug.<format>.srt`` for webm and gif (players take the middle part as a language), so
        that rendering one format never overwrites the captions of another made with other values."""
        suffix = ".srt" if self.fmt == "mp4" else f".{self.fmt}.srt"
        return self.folder / f"{self.stem}{suffix}"

    @property
    def clips_folder(self) -> Path:
        return self.folder / "clips" / self.stem

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
    """How a job ended: ``rendered``, ``cached`` (up to date, nothing done) or ``failed``.

    A failed job kept its previous files (``kept_previous``) unless publishing failed half-way and
    the old files could not all be put back; then its files are a mix, and its manifest no longer
    matches them, so the next run renders it again.
    """

    job: Job
    status: Literal["rendered", "cached", "failed"]
    seconds: float = 0.0
    files: tuple[str, ...] = ()
    beats: tuple[BeatInfo, ...] = ()
    message: str = ""
    details: str = ""
    kept_previous: bool = True


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
    """The manifest of ``job``'s last published render, or ``None``."""
    try:
        manifest = json.loads(job.manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("version") == MANIFEST_VERSION else None


def is_up_to_date(job: Job) -> bool:
    """Whether the last render of ``job`` had the same key and every one of its files still has the
    size and content (SHA-256) it was published with."""
    manifest = manifest_of(job)
    if manifest is None or manifest.get("key") != job.key():
        return False
    try:
        return bool(manifest["files"]) and all(_still_matches(job, entry) for entry in manifest["files"])
    except (KeyError, TypeError, ValueError):  # a manifest edited by hand
        return False


# Digests already computed in this process, by the file's identity and change times, so that asking
# twice in one command (the command, then the batch) reads each file once. A write, rename or
# chmod changes ctime, which no one can set back.
_digests: dict[tuple, str] = {}


def _still_matches(job: Job, entry: dict) -> bool:
    path = _inside(job, entry["name"])
    try:
        status = path.stat()
    except OSError:
        return False
    if not path.is_file() or status.st_size != entry.get("size"):
        return False
    identity = (str(path), status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    if identity not in _digests:
        try:
            _digests[identity] = file_digest(path)
        except OSError:
            return False
    return _digests[identity] == entry.get("sha256")


def _inside(job: Job, name: str) -> Path:
    """The file ``name`` of a manifest, refused unless it lies inside the job's folder."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"{name!r} is not a path inside {job.folder}")
    return job.folder / relative


def _cached_result(job: Job) -> JobResult:
    manifest = manifest_of(job) or {}
    beats = tuple(BeatInfo(**b) for b in manifest.get("beats", []))
    files = tuple(entry["name"] for entry in manifest.get("files", []))
    return JobResult(job, "cached", files=files, beats=beats)


# --- one render, in its own process ---------------------------------------------------------------


@dataclass(frozen=True)
class _Produced:
    """What a render process hands back: the beats, and each file it made with its destination,
    size and SHA-256 (computed there, in parallel with the other renders)."""

    beats: tuple[BeatInfo, ...]
    files: tuple[tuple[Path, Path, int, str], ...]


def _produce(job: Job, work: Path) -> tuple[tuple[BeatInfo, ...], list[tuple[Path, Path]]]:
    """Render ``job`` into ``work``; return its beats and each file with its destination."""
    scene = _render(job, work)
    return _collect(job, work, scene.records)


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
        moves.append((videos[0], job.video_path))
        subtitles = videos[0].with_suffix(".srt")
        if subtitles.exists():
            moves.append((subtitles, job.subtitles_path))
        index_files = list((work / "media" / "videos").rglob("sections/*.json"))
        if index_files:
            sections = json.loads(index_files[0].read_text(encoding="utf-8"))
            for record, section in zip(records, sections, strict=True):
                source = index_files[0].parent / section["video"]
                destination = job.clips_folder / f"{record.index + 1:02d}_{record.name}{source.suffix}"
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


def _render_body(job: Job, work: Path) -> _Produced | tuple[str, str]:
    """What a render process does (nnanim.processes runs it, forked): render ``job`` into
    ``work``, and describe each file it made, or the failure."""
    try:
        beats, moves = _produce(job, work)
        return _Produced(beats, tuple((s, d, s.stat().st_size, file_digest(s)) for s, d in moves))
    except Exception as exc:  # a failed scene must not stop the rest of the batch
        return _failure(exc)


def _failure(exc: BaseException) -> tuple[str, str]:
    """A failed render as (message, traceback). An error that comes from the disk (a full disk
    under manim's "Failed to finish video segment …", for instance) gets the advice for it."""
    cause: BaseException | None = exc
    seen = set()
    while cause is not None and id(cause) not in seen and not (isinstance(cause, OSError) and cause.errno):
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    if cause is not None and id(cause) in seen:
        cause = None
    message = describe_os_error(cause) if cause is not None else f"{type(exc).__name__}: {exc}"
    return message, traceback.format_exc()


# --- publishing (in the batch's process) ----------------------------------------------------------


def _publish(job: Job, work: Path, produced: _Produced) -> tuple[str, ...]:
    """Put the render's files and its manifest in place together (all or none), and drop the files
    the last render had and this one has not (a scene whose values give fewer beats)."""
    names = [str(destination.relative_to(job.folder)) for _, destination, _, _ in produced.files]
    manifest = {
        "version": MANIFEST_VERSION,
        "key": job.key(),
        "slug": job.slug,
        "kind": job.kind,
        "files": [
            {"name": name, "size": size, "sha256": digest}
            for name, (_, _, size, digest) in zip(names, produced.files, strict=True)
        ],
        "beats": [asdict(b) for b in produced.beats],
    }
    staging = Path(tempfile.mkdtemp(prefix="publish-", dir=work))
    manifest_file = staging / "manifest.json"
    manifest_file.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    aside = staging / "replaced"
    aside.mkdir()
    job.manifest_path.parent.mkdir(parents=True, exist_ok=True)
    # One publisher of a scene at a time, so that two renders of it at once cannot interleave.
    with _locked(job.manifest_path.with_suffix(".lock"), wait=True):
        try:
            previous = (manifest_of(job) or {}).get("files", [])
            stale = [_inside(job, e["name"]) for e in previous if e["name"] not in names]
        except (KeyError, TypeError, ValueError):  # a manifest edited by hand: leave its files be
            stale = []
        moves = [(source, destination) for source, destination, _, _ in produced.files]
        replace_together([*moves, (manifest_file, job.manifest_path)], remove=stale, aside=aside)
    return tuple(names)


def publish(job: Job, work: Path, beats: tuple[BeatInfo, ...], moves: list[tuple[Path, Path]], seconds: float) -> JobResult:
    """Publish a finished render made some other way (``nnanim.batch_parts``: a video joined from
    parts): ``moves`` pairs each file made inside ``work`` (a temporary folder inside the job's
    folder) with its destination. Returns the job's result, as for the batch's own renders."""
    try:
        files = tuple((source, destination, source.stat().st_size, file_digest(source)) for source, destination in moves)
    except OSError as exc:
        return JobResult(job, "failed", seconds=seconds, message=describe_os_error(exc), details=traceback.format_exc())
    return _published(job, work, _Produced(tuple(beats), files), seconds)


def _published(job: Job, work: Path, produced: _Produced, seconds: float) -> JobResult:
    """Publish ``produced``; the job's result, saying truthfully what a failure left."""
    try:
        files = _publish(job, work, produced)
    except MixedFiles as exc:
        mixed = ", ".join(str(p.relative_to(job.folder)) for p in exc.mixed)
        return JobResult(
            job, "failed", seconds=seconds, kept_previous=False, details=traceback.format_exc(),
            message=f"{describe_os_error(exc)}. Publishing stopped half-way and the old files could not all "
            f"be put back: {mixed} may be new or missing while the rest is old. The scene will be rendered "
            "again next time.",
        )
    except OSError as exc:
        return JobResult(job, "failed", seconds=seconds, message=describe_os_error(exc), details=traceback.format_exc())
    except Exception as exc:  # nothing was replaced: once files move, only OSErrors (MixedFiles) come out
        return JobResult(job, "failed", seconds=seconds, message=f"{type(exc).__name__}: {exc}",
                         details=traceback.format_exc())
    return JobResult(job, "rendered", seconds=seconds, files=files, beats=produced.beats)


@contextmanager
def _locked(path: Path, *, wait: bool, create: bool = True) -> Iterator[int]:
    """Hold an exclusive lock on ``path`` (created if missing and ``create``); raises
    BlockingIOError when ``wait`` is false and another process holds it."""
    descriptor = os.open(path, os.O_RDWR | (os.O_CREAT if create else 0), 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        yield descriptor
    finally:
        os.close(descriptor)


# --- a batch -----------------------------------------------------------------------------------

_LOCK_NAME = ".lock"


def remove_stale_temporaries(folders: Iterable[Path]) -> None:
    """Remove temporary render folders whose render is gone (a batch killed with SIGKILL, a power
    cut). A render holds a lock on its folder while it runs; a folder without one (made by an older
    nnanim) is removed only when older than an hour."""
    cutoff = time.time() - 3600
    for folder in folders:
        for temporary in folder.glob(f"{TEMP_PREFIX}*"):
            try:
                with _locked(temporary / _LOCK_NAME, wait=False, create=False):
                    shutil.rmtree(temporary, ignore_errors=True)
            except BlockingIOError:  # a render is using it
                continue
            except FileNotFoundError:  # no lock: by age
                with suppress(OSError):
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
    scheduler: str | None = None,
) -> list[JobResult]:
    """Run ``jobs``: up-to-date ones are skipped (unless ``force``), the rest rendered in up to
    ``workers`` processes. ``on_result`` is called as each job ends. Results come in job order.

    With ``scheduler`` (a Dask scheduler's address) every video is rendered on the cluster in parts
    — runs of beats, each in a process of its own — joined here and published as the batch's own
    (nnanim/batch_parts.py). On this machine parts are used only when there are fewer scenes to
    render than ``workers`` and the quality is above -q l: a part that starts at a later beat must
    first build the scene up to it, CPU that only pays off when a core would otherwise sit idle
    (bench/RESULTS.md, "Parts"); a batch with a scene for every process renders one per process.

    Raises :class:`BatchInterrupted` on SIGINT or SIGTERM, after killing the render processes and
    removing their temporary folders: files already published stay, the others keep their
    previous files.
    """
    results: dict[int, JobResult] = {}
    todo: list[int] = []
    for position, job in enumerate(jobs):
        if not force and is_up_to_date(job):
            results[position] = _cached_result(job)
            on_result(results[position])
        else:
            todo.append(position)
    remove_stale_temporaries({job.folder for job in jobs})
    idle_cores = len(todo) < workers
    in_parts = [p for p in todo if splittable(jobs[p]) and (scheduler or (idle_cores and jobs[p].quality != "l"))]
    whole = [p for p in todo if p not in in_parts]

    def record(position: int, result: JobResult) -> None:
        results[position] = result
        on_result(result)

    with interruptible() as interrupts:
        try:
            # An interrupt that came before (during the command's checks) and was lost on the way
            # stops the batch before it starts anything.
            interrupts.check()
            if in_parts:
                run_videos(jobs, in_parts, workers=max(1, workers), scheduler=scheduler, publish=publish, on_result=record)
            _run_in_processes(jobs, whole, max(1, workers), record, interrupts)
        except KeyboardInterrupt:
            raise BatchInterrupted([results[p] for p in sorted(results)]) from None
    return [results[p] for p in range(len(jobs))]


def _open_work_folder(job: Job) -> tuple[Path, int]:
    """A render's temporary folder inside its job's folder, and the lock it holds on it while it
    runs (:func:`remove_stale_temporaries` leaves a locked folder alone)."""
    job.folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{job.stem}-", dir=job.folder))
    try:
        lock = os.open(work / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
    except BaseException:
        os.close(lock)
        shutil.rmtree(work, ignore_errors=True)
        raise
    return work, lock


def _finished(job: Job, work: Path, ended: Ended) -> JobResult:
    """An ended render's result: its files published, or why it failed."""
    produced = ended.payload
    if produced is None:
        return JobResult(job, "failed", seconds=ended.seconds, message=f"the render process {ended.how()}")
    if not isinstance(produced, _Produced):
        message, details = produced
        return JobResult(job, "failed", seconds=ended.seconds, message=message, details=details)
    return _published(job, work, produced, ended.seconds)


def _run_in_processes(jobs: list[Job], todo: list[int], workers: int, record: Callable[[int, JobResult], None],
                      interrupts: Interrupts) -> None:
    """Render the jobs at positions ``todo``, each in a process of its own; ``record`` each result."""

    def finish(position: int, work: Path, ended: Ended) -> None:
        record(position, _finished(jobs[position], work, ended))

    def failed_to_start(position: int, error: OSError) -> None:
        record(position, JobResult(jobs[position], "failed", message=describe_os_error(error)))

    run_in_processes(todo, workers=workers, open_folder=lambda position: _open_work_folder(jobs[position]),
                     body=lambda position, work: _render_body(jobs[position], work), finish=finish,
                     failed_to_start=failed_to_start, interrupts=interrupts)
