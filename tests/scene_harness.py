"""Running scenes in tests: a dry run that records every beat, or a real low-quality render."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tempfile

from manim import tempconfig

from nnmath.display import format_number
from scenes.registry import scene_class


@contextmanager
def environment(**variables: str | None) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in variables}
    try:
        for k, v in variables.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# manim caches rendered text under media_dir; one private folder per test process keeps the
# repository clean and stops parallel processes from reading each other's half-written files.
_MEDIA = tempfile.mkdtemp(prefix="nnanim-test-media-")


def dry_run(slug: str, *, values: Path | None = None, theme: str = "dark"):
    """Build and play the scene without writing a video; return it with its beat records."""
    with environment(NNANIM_THEME=theme, NNANIM_VALUES=str(values) if values else None, NNANIM_STILLS_DIR=None):
        with tempconfig(
            {"dry_run": True, "quality": "low_quality", "verbosity": "WARNING", "progress_bar": "none", "media_dir": _MEDIA}
        ):
            scene = scene_class(slug)()
            scene.render()
    return scene


def render(slug: str, media_dir: Path, stills_dir: Path, *, theme: str = "dark"):
    """Render the scene at low quality into ``media_dir``, stills into ``stills_dir``."""
    with environment(NNANIM_THEME=theme, NNANIM_VALUES=None, NNANIM_STILLS_DIR=str(stills_dir)):
        with tempconfig(
            {"quality": "low_quality", "media_dir": str(media_dir), "verbosity": "WARNING", "progress_bar": "none"}
        ):
            scene = scene_class(slug)()
            scene.render()
    return scene


def texts(values) -> Counter:
    """The display texts of numbers, as a multiset."""
    return Counter(format_number(v) for v in values)


def flat(*arrays) -> list[float]:
    out: list[float] = []
    for array in arrays:
        out += [float(x) for x in __import__("numpy").asarray(array).ravel()]
    return out
