"""Rendering a scene of the catalogue from Python, with a theme, values and per-beat stills.

Each scene is handed its options (:class:`scenes.base.SceneOptions`) when it is built; nothing here
touches the environment, which only a scene rendered by plain ``manim`` reads, so renders sharing a
process cannot see each other's theme, values or stills folder.

manim cannot take every path a file system allows: the list of partial movies it joins (ffmpeg's
concat format) breaks on a quote, so no video rendered under a folder named ``lecturer's files``,
and its folder settings are templates, so braces in a path fail. So manim is given paths made of
plain characters only: a folder whose path has anything else is reached through a symbolic link
from a plain temporary folder (:func:`plain_paths`); the files still land in the folder itself.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from manim import tempconfig
from manim.renderer.cairo_renderer import CairoRenderer

from nnanim.encoding import HoldingFileWriter, encoder_settings

from scenes.base import Beat, LectureScene, SceneOptions
from scenes.registry import scene_class

__all__ = ["QUALITIES", "SkippingRenderer", "plain_paths", "render_scene", "scene_beats"]

#: manim's quality letters, as on its command line (-q l|m|h|k).
QUALITIES = {"l": "low_quality", "m": "medium_quality", "h": "high_quality", "k": "fourk_quality"}

# An absolute path every tool reads as itself: ASCII letters, digits, and _ . - + (not first).
_PLAIN = re.compile(r"(/[A-Za-z0-9_.+][A-Za-z0-9_.+-]*)+/?")
_LINKS_PREFIX = "nnanim-paths-"


def _plain_root() -> Path | None:
    """A writable temporary folder with a plain path, for the links (None if there is none)."""
    for candidate in (tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm"):
        if _PLAIN.fullmatch(candidate) and os.access(candidate, os.W_OK | os.X_OK):
            return Path(candidate)
    return None


@contextmanager
def plain_paths(*folders: Path | None) -> Iterator[list[Path | None]]:
    """Each folder as an absolute path of plain characters, for the block: the folder itself when
    its path is plain, else a symbolic link to it (made, with the folder, for the block and removed
    after it; the folder and what was written into it stay)."""
    absolute = [Path(os.path.abspath(f)) if f is not None else None for f in folders]
    if all(f is None or _PLAIN.fullmatch(str(f)) for f in absolute):
        yield absolute
        return
    root = _plain_root()
    if root is None:  # nowhere to put a link: try the paths as they are
        yield absolute
        return
    links = Path(tempfile.mkdtemp(prefix=_LINKS_PREFIX, dir=root))
    try:
        plain: list[Path | None] = []
        for number, folder in enumerate(absolute):
            if folder is None or _PLAIN.fullmatch(str(folder)):
                plain.append(folder)
                continue
            folder.mkdir(parents=True, exist_ok=True)
            link = links / str(number)
            link.symlink_to(folder, target_is_directory=True)
            plain.append(link)
        yield plain
    finally:
        # rmtree removes the links themselves, never what they point to.
        shutil.rmtree(links, ignore_errors=True)


class SkippingRenderer(CairoRenderer):
    """manim's Cairo renderer, drawing nothing while it skips.

    manim's own renderer skips an animation by jumping to its end, but still draws a full frame of
    the still parts before it and one of the moving parts after it, and copies each out, to throw
    them away: a fifth of a dry run's time (layers: 20.6/23.6 against 17.3/16.5 CPU s), and of the
    beats a part skips before its own (bench/RESULTS.md, "Parts"). Here nothing is drawn while
    skipping; the first animation drawn after it draws its still parts afresh. A still is drawn on
    purpose, skipping or not (:func:`scenes.stills.write_still`), so stills and frames are the same
    pixels as manim's renderer draws (tests/scenes/test_skipping.py, tests/nnanim/test_parts.py).
    """

    def update_frame(self, scene, mobjects=None, include_submobjects=True, ignore_skipping=True, **kwargs) -> None:
        if self.skip_animations:
            return
        super().update_frame(scene, mobjects, include_submobjects, ignore_skipping, **kwargs)

    def save_static_frame_data(self, scene, static_mobjects):
        if self.skip_animations:
            self.static_image = None
            return None
        return super().save_static_frame_data(scene, static_mobjects)

    def render(self, scene, time, moving_mobjects=None) -> None:
        if not self.skip_animations:
            super().render(scene, time, moving_mobjects)

    def freeze_current_frame(self, duration) -> None:
        if not self.skip_animations:
            super().freeze_current_frame(duration)


def render_scene(
    slug: str,
    *,
    media_dir: Path,
    quality: str = "l",
    theme: str = "dark",
    values: Path | None = None,
    stills_dir: Path | None = None,
    stills_format: str = "png",
    transparent: bool = False,
    video_format: str = "mp4",
    save_sections: bool = False,
    dry_run: bool = False,
    beat_range: tuple[int, int | None] = (0, None),
    renderer_class: type | None = None,
) -> LectureScene:
    """Render scene ``slug`` into ``media_dir`` and return the scene (its ``records`` hold the beats).

    ``stills_dir`` receives one still per beat in ``stills_format`` (png, svg or pdf), with no
    background when ``transparent``. ``video_format`` is manim's ``--format`` (mp4, webm, gif);
    ``save_sections`` also writes each beat as its own clip (manim's ``--save_sections``).
    ``dry_run`` plays the scene without writing a video (fast: for checking what it shows, and
    for stills, which are drawn from each beat's finished state, not from video frames).

    A video (mp4, webm) is encoded with nnanim's settings (nnanim/encoding.py: libx264 for flat
    animated content, a hold written as one frame). ``beat_range`` draws only those beats
    (``LectureScene.beat_range``; nnanim/parts.py renders a scene in parts this way) and
    ``renderer_class`` replaces manim's Cairo renderer for it.
    """
    video = not dry_run and video_format in ("mp4", "webm")
    # Checked before any folder or link is made: a wrong theme or format is an error up front.
    options = SceneOptions(
        theme=theme, values=values, stills_dir=stills_dir, stills_format=stills_format, transparent=transparent
    )
    with plain_paths(media_dir, stills_dir) as (media_dir, stills_dir):
        options = dataclasses.replace(options, stills_dir=stills_dir)
        settings = {
            "format": video_format,
            "save_sections": save_sections,
            "quality": QUALITIES[quality],
            "media_dir": str(media_dir),
            "verbosity": "WARNING",
            "progress_bar": "none",
            "dry_run": dry_run,
            # Each render gets a fresh media folder, so manim's partial-movie cache is never hit; its
            # hashing of every play call's mobjects was most of the time of a render.
            "disable_caching": True,
        }
        if video:
            settings.update(encoder_settings(video_format))
        with tempconfig(settings):
            # A dry run needs each animation's finished state only (stills and records are taken at the
            # end of each beat), so each play jumps to its end and draws no frame; the records and
            # stills are the same (bench/RESULTS.md, tests/scenes/test_skipping.py).
            if video:
                renderer = (renderer_class or CairoRenderer)(file_writer_class=HoldingFileWriter)
            else:
                renderer = (renderer_class or SkippingRenderer)(skip_animations=dry_run)
            scene = scene_class(slug)(renderer=renderer, options=options)
            scene.beat_range = beat_range
            scene.render()
    return scene


def scene_beats(slug: str, *, values: Path | None = None) -> list[Beat]:
    """The beats scene ``slug`` would play with ``values``, without playing them.

    Building a scene typesets its texts into manim's media folder: a temporary one, so that
    asking for beats writes nothing where the command was run.
    """
    with tempfile.TemporaryDirectory(prefix="nnanim-beats-") as media, tempconfig(
        {"dry_run": True, "verbosity": "WARNING", "progress_bar": "none", "media_dir": media}
    ):
        scene = scene_class(slug)(options=SceneOptions(values=values))
        scene.setup()
        return scene.beats()
