"""Rendering a scene of the catalogue from Python, with a theme, values and per-beat stills.

The scenes read their options from the environment (so that plain ``manim`` renders them too);
:func:`render_scene` sets those variables for the one render and restores them afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from manim import tempconfig

from scenes.base import STILLS_VARIABLE, VALUES_VARIABLE, LectureScene
from scenes.registry import scene_class
from scenes.theme import THEME_VARIABLE

__all__ = ["QUALITIES", "render_scene", "scene_environment"]

#: manim's quality letters, as on its command line (-q l|m|h|k).
QUALITIES = {"l": "low_quality", "m": "medium_quality", "h": "high_quality", "k": "fourk_quality"}


@contextmanager
def scene_environment(**variables: str | None) -> Iterator[None]:
    """Set (or, with ``None``, unset) environment variables for the duration of the block."""
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


def render_scene(
    slug: str,
    *,
    media_dir: Path,
    quality: str = "l",
    theme: str = "dark",
    values: Path | None = None,
    stills_dir: Path | None = None,
    dry_run: bool = False,
) -> LectureScene:
    """Render scene ``slug`` into ``media_dir`` and return the scene (its ``records`` hold the beats).

    ``dry_run`` plays the scene without writing a video (fast: for checking what it shows).
    """
    settings = {
        "quality": QUALITIES[quality],
        "media_dir": str(media_dir),
        "verbosity": "WARNING",
        "progress_bar": "none",
        "dry_run": dry_run,
        # Each render gets a fresh media folder, so manim's partial-movie cache is never hit; its
        # hashing of every play call's mobjects was most of the time of a render.
        "disable_caching": True,
    }
    with scene_environment(
        **{
            THEME_VARIABLE: theme,
            VALUES_VARIABLE: str(values) if values else None,
            STILLS_VARIABLE: str(stills_dir) if stills_dir else None,
        }
    ), tempconfig(settings):
        scene = scene_class(slug)()
        scene.render()
    return scene
