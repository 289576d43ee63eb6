"""A scene's video rendered in parts: each part is a run of beats drawn in its own process, and the
parts' beat clips are joined into the scene's video without re-encoding (nnanim/join.py).

A part ``[first, stop)`` plays the scene's earlier beats without drawing a frame (manim skips their
sections: each play jumps to its end), so its first beat starts from the state it has in a render
of the whole scene, and draws beats ``first`` … ``stop - 1``, each into its own clip (manim's
sections). manim starts every segment on a key frame with an encoder of its own, so a beat's clip
has the same bytes whichever part drew it, and the joined video shows exactly the frames of a
render in one piece (tests/nnanim/test_parts.py decodes both and compares them).

:func:`plan_parts` splits beats into contiguous runs of about equal cost, :func:`render_part` runs in
a worker (any process or machine: it returns the clips as bytes), :func:`assemble` joins the parts
of a scene on the machine that asked. Planning and assembling do not import manim.
"""

from __future__ import annotations

import itertools
import json
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from nnanim.join import clip_seconds, join_clips, subtitles

__all__ = [
    "MIN_PART_SECONDS",
    "SKIP_COST",
    "PartBeat",
    "PartResult",
    "AssembledBeat",
    "plan_parts",
    "parts_for",
    "beat_seconds",
    "plan_scene",
    "render_part",
    "assemble",
]

#: The least video (seconds) worth a part of its own, by quality: a part pays for building the scene
#: and skipping to its first beat (a few seconds of CPU), which only pays off when its frames cost
#: more than that. At -q l a whole scene costs about as much as that overhead.
MIN_PART_SECONDS = {"l": 1e9, "m": 20.0, "h": 8.0, "k": 4.0}

#: What skipping a second of video costs (building its objects, running each animation's set-up and
#: jumping to its end, drawing nothing: :func:`skipping_renderer`), as a fraction of what drawing
#: and encoding it costs, by quality. Measured at -q h on layers, the scene that needs parts most:
#: about 0.25 (bench/RESULTS.md, "Parts"). Skipping costs the same at every resolution and drawing
#: roughly scales with the pixels per second, so -q m and -q k are estimates from that, not
#: measured; at 1 a part never pays.
SKIP_COST = {"l": 1.0, "m": 0.75, "h": 0.25, "k": 0.1}

# manim's configuration is one per process: renders in threads of one process (a Dask worker with
# several threads) take turns.
_ONE_RENDER_AT_A_TIME = threading.Lock()


def plan_parts(weights: Sequence[float], parts: int, *, skip: float = 0.0) -> list[tuple[int, int]]:
    """Split beats of these costs into at most ``parts`` contiguous runs ``(first, stop)`` whose
    largest cost is as small as possible (every run has at least one beat). A run's cost is its
    beats' plus ``skip`` (0 to 1) times the beats before it: what reaching its first beat costs."""
    count = len(weights)
    if count == 0:
        return []
    parts = max(1, min(parts, count))
    if parts == 1:
        return [(0, count)]
    before = list(itertools.accumulate(weights, initial=0.0))
    # Binary search on the largest run's cost; greedy packing (each run as long as the bound
    # allows) decides whether a bound fits: a later start only makes the runs after it cheaper.
    low, high = max(weights), before[-1]

    def runs(bound: float) -> list[tuple[int, int]]:
        found, first = [], 0
        for index in range(count):
            if skip * before[first] + before[index + 1] - before[first] > bound and index > first:
                found.append((first, index))
                first = index
        found.append((first, count))
        return found

    for _ in range(60):
        middle = (low + high) / 2
        if len(runs(middle)) <= parts:
            high = middle
        else:
            low = middle
    return runs(high)


def parts_for(weights: Sequence[float], *, quality: str, workers: int) -> list[tuple[int, int]]:
    """How to split one scene whose beats last ``weights`` seconds among ``workers`` workers: at
    most one part per worker (every part but the first pays for skipping to its first beat), none
    shorter than :data:`MIN_PART_SECONDS` of video, later parts shorter by what their skip costs."""
    total = sum(weights)
    by_length = int(total // MIN_PART_SECONDS.get(quality, 8.0))
    return plan_parts(weights, max(1, min(max(workers, 1), by_length)), skip=SKIP_COST.get(quality, 0.5))


def beat_seconds(slug: str, manifests: Sequence[Path] = ()) -> list[float]:
    """How long each beat of ``slug`` lasted last time: from the newest of ``manifests`` (the batch's
    cache manifests of this scene, any quality or theme) that lists beats, else from
    ``nnanim/beat_seconds.json`` (scripts/beat_seconds.py), else nothing known (``[]``).

    Only for planning: when a scene has changed, a part planned beyond its last beat draws nothing
    and the last part always runs to the end, so a stale figure makes parts uneven, never wrong."""

    found = []
    for manifest in manifests:
        try:
            beats = json.loads(manifest.read_text(encoding="utf-8")).get("beats") or []
            found.append((manifest.stat().st_mtime, [float(b["end"]) - float(b["start"]) for b in beats]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    found = [entry for entry in found if entry[1]]
    if found:
        return max(found)[1]
    try:
        table = json.loads((Path(__file__).with_name("beat_seconds.json")).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [float(x) for x in table.get(slug, [])]


def plan_scene(seconds: Sequence[float], *, quality: str, workers: int) -> list[tuple[int, int | None]]:
    """The parts to render one scene in, from its beats' last known lengths: the last part's
    ``stop`` is ``None`` (to the end, however many beats the scene has now)."""
    if not seconds:
        return [(0, None)]
    plan = parts_for(seconds, quality=quality, workers=workers)
    return [(first, stop) for first, stop in plan[:-1]] + [(plan[-1][0], None)]


@dataclass(frozen=True)
class PartBeat:
    """A beat drawn by a part: its place in the scene, name, caption, numbers on screen, clip."""

    index: int
    name: str
    caption: str
    numbers: tuple[str, ...]
    clip: bytes = field(repr=False)


@dataclass(frozen=True)
class PartResult:
    """What a part sends back: its beats with their clips as bytes, and its cost."""

    slug: str
    first: int
    stop: int
    beats: tuple[PartBeat, ...]
    suffix: str
    seconds: float
    cpu_seconds: float


def render_part(
    slug: str,
    first: int,
    stop: int | None,
    *,
    quality: str = "l",
    theme: str = "dark",
    values: str | None = None,
    values_text: str | None = None,
    fmt: str = "mp4",
    work: Path | None = None,
) -> PartResult:
    """Draw beats ``first`` … ``stop - 1`` of scene ``slug`` and return their clips (as bytes, so
    the part can run on another machine). Imports manim.

    ``values`` is a values file on this machine; ``values_text`` the text of one from the machine
    that asked (a cluster worker cannot read that machine's files). The render happens in ``work``
    (the batch's temporary folder, which it removes even when it kills the render) or else in a
    temporary folder removed at the end."""
    import os

    with _ONE_RENDER_AT_A_TIME, _work_folder(work, slug) as folder:
        if values_text is not None:
            values = str(folder / "values.toml")
            Path(values).write_text(values_text, encoding="utf-8")
        started, cpu = time.perf_counter(), os.times()
        scene = _render_range(slug, first, stop, folder / "media", quality, theme, values, fmt)
        drawn = [r for r in scene.records if r.index >= first and (stop is None or r.index < stop)]
        index_files = list((folder / "media" / "videos").rglob("sections/*.json"))
        sections = json.loads(index_files[0].read_text(encoding="utf-8")) if len(index_files) == 1 else []
        if len(drawn) != len(sections):  # (a part planned beyond a scene's last beat draws none)
            raise RuntimeError(f"{slug}: {len(drawn)} beats drawn but {len(sections)} clips written")
        clips = index_files[0].parent if index_files else folder
        beats = tuple(
            PartBeat(r.index, r.name, r.caption, tuple(r.numbers), (clips / s["video"]).read_bytes())
            for r, s in zip(drawn, sections)
        )
        after = os.times()
        spent = (after.user - cpu.user) + (after.system - cpu.system)
        last = drawn[-1].index + 1 if drawn else first
        return PartResult(slug, first, last, beats, f".{fmt}", time.perf_counter() - started, spent)


@contextmanager
def _work_folder(work: Path | None, slug: str) -> Iterator[Path]:
    if work is not None:
        work.mkdir(parents=True, exist_ok=True)
        yield work
        return
    with tempfile.TemporaryDirectory(prefix=f"nnanim-part-{slug}-") as folder:
        yield Path(folder)


def _render_range(slug, first, stop, media_dir: Path, quality, theme, values, fmt, renderer=None):
    from scenes.render import render_scene

    # ``renderer``: another renderer class, for bench/speed.py's measure of what skipping costs.
    return render_scene(slug, media_dir=media_dir, quality=quality, theme=theme, values=values, video_format=fmt,
                        save_sections=True, beat_range=(first, stop), renderer_class=renderer or skipping_renderer())


@dataclass(frozen=True)
class AssembledBeat:
    """A beat of the joined video: where it is, what it showed, and its clip file."""

    index: int
    name: str
    caption: str
    start: float
    end: float
    numbers: tuple[str, ...]
    clip: Path


def assemble(parts: Sequence[PartResult], folder: Path, stem: str) -> tuple[Path, Path, list[AssembledBeat]]:
    """Write the parts' clips into ``folder/clips/``, join them into ``folder/<stem><suffix>`` and
    write its subtitles ``folder/<stem>.srt``; returns the video, the subtitles and every beat.

    The parts must cover the scene's beats from the first, each once, in any order."""
    ordered = sorted(parts, key=lambda p: p.first)
    beats = [beat for part in ordered for beat in part.beats]
    if [b.index for b in beats] != list(range(len(beats))) or not beats:
        raise RuntimeError(f"the parts do not cover the beats in order: {[b.index for b in beats]}")
    suffix = ordered[0].suffix
    (folder / "clips").mkdir(parents=True, exist_ok=True)
    clips = []
    for beat in beats:
        clip = folder / "clips" / f"{beat.index + 1:02d}_{beat.name}{suffix}"
        clip.write_bytes(beat.clip)
        clips.append(clip)
    video = folder / f"{stem}{suffix}"
    join_clips(clips, video)
    lengths = [clip_seconds(c) for c in clips]
    srt_file = folder / f"{stem}.srt"
    srt_file.write_text(subtitles([b.caption for b in beats], lengths), encoding="utf-8")
    assembled, start = [], Fraction(0)
    for beat, clip, length in zip(beats, clips, lengths):
        assembled.append(
            AssembledBeat(beat.index, beat.name, beat.caption, float(start), float(start + length), beat.numbers, clip)
        )
        start += length
    return video, srt_file, assembled


def skipping_renderer():
    """manim's Cairo renderer, drawing nothing while it skips (imports manim):
    :class:`scenes.render.SkippingRenderer`. The first animation drawn after skipping draws its
    still parts afresh, and every frame in full (tests/nnanim/test_parts.py compares the frames
    with a render in one piece)."""
    from scenes.render import SkippingRenderer

    return SkippingRenderer
