"""Running scenes in tests: a dry run that records every beat, or a real low-quality render."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import av
import numpy as np
from manim import constants as manim_constants

import course
from nnmath.display import format_number
import scenes.render as render_module
from scenes.render import render_scene

# manim caches rendered text under media_dir; one private folder per test process keeps the
# repository clean and stops parallel processes from reading each other's half-written files.
_MEDIA = Path(tempfile.mkdtemp(prefix="nnanim-test-media-"))


# A dry run is a pure function of the scene's code, its values and the theme, and the slowest part
# of the suite: each (scene, values, theme) is played once per test process and shared.
_DRY_RUNS: dict[tuple[str, bytes | None, str], object] = {}


def dry_run(slug: str, *, values: Path | None = None, theme: str = "dark"):
    """Build and play the scene without writing a video; return it with its beat records.

    The scene is shared by every test asking for the same scene, values (by content) and theme:
    read its records, do not change it.
    """
    key = (slug, Path(values).read_bytes() if values is not None else None, theme)
    if key not in _DRY_RUNS:
        _DRY_RUNS[key] = render_scene(slug, media_dir=_MEDIA, theme=theme, values=values, dry_run=True)
    return _DRY_RUNS[key]


#: The size and frame rate of :func:`render`'s videos: every scene is rendered whole, but its frames
#: are most of a render's time and manim's own -q l (854×480 at 15 fps) is checked by the command's
#: tests (tests/nnanim/test_cli_render.py). At 426×240 and 5 fps layers renders in 29 CPU s, not 53.
TEST_QUALITY = {"flag": None, "pixel_width": 426, "pixel_height": 240, "frame_rate": 5}


@contextmanager
def _test_quality() -> Iterator[str]:
    """A quality letter for :func:`scenes.render.render_scene` meaning :data:`TEST_QUALITY`, for the block."""
    name, letter = "nnanim_test_quality", "t"
    manim_constants.QUALITIES[name] = TEST_QUALITY
    render_module.QUALITIES[letter] = name
    try:
        yield letter
    finally:
        del render_module.QUALITIES[letter], manim_constants.QUALITIES[name]


def render(slug: str, media_dir: Path, stills_dir: Path, *, theme: str = "dark"):
    """Render the scene into ``media_dir`` at :data:`TEST_QUALITY`, a still per beat into ``stills_dir``."""
    with _test_quality() as quality:
        return render_scene(slug, media_dir=media_dir, quality=quality, theme=theme, stills_dir=stills_dir)


def texts(values) -> Counter:
    """The display texts of numbers, as a multiset."""
    return Counter(format_number(v) for v in values)


def flat(*arrays) -> list[float]:
    """Every entry of the arrays, in order, as floats."""
    out: list[float] = []
    for array in arrays:
        out += [float(x) for x in np.asarray(array).ravel()]
    return out


def dry_run_cached(slug: str, theme: str = "dark"):
    """:func:`dry_run` with the lecture's values (shared like every dry run: read, do not change)."""
    return dry_run(slug, theme=theme)


def video_timing(path: Path) -> tuple[int, float, float]:
    """Decode every frame of the video at ``path``: (frames, frame rate, seconds shown).

    The seconds run to the end of the last frame, not frames / rate: a hold is one frame shown for
    the hold's length (nnanim/encoding.py), so a video has fewer frames than seconds × rate.
    """
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames, end = 0, 0.0
        for frame in container.decode(stream):
            frames += 1
            end = max(end, float((frame.pts + frame.duration) * stream.time_base))
        return frames, float(stream.base_rate), end


def played_and_scripted(slug: str, values: Path | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The beats the dry run played and the beats of the scene's script, each as (name, caption).

    A scene plays its content module's script, so the two are equal: the beats and captions are
    known without manim (``nnanim list``, the notebook) and are the ones on screen.
    """
    script = course.beat_script(slug, course.load_values(values))
    assert script, f"{slug}'s spec has a script"
    played = [(record.name, record.caption) for record in dry_run(slug, values=values).records]
    return played, [(beat.name, beat.caption) for beat in script]


def stills_in(folder: Path) -> dict[str, np.ndarray]:
    """Every PNG still under ``folder``, by file name, as pixels."""
    from PIL import Image

    return {p.name: np.asarray(Image.open(p)) for p in sorted(Path(folder).rglob("*.png"))}


def calls_of(monkeypatch, owner: type, method: str) -> list[object]:
    """The objects ``owner.method`` is called on while the test runs, in order (the method still runs)."""
    called: list[object] = []
    original = getattr(owner, method)

    def recording(self, *args, **kwargs):
        called.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, method, recording)
    return called
