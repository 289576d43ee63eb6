"""Every scene's beat names with the built-in values, known without manim: what ``nnanim list``
shows.

Lecture 1's scenes build their beats (and captions) inside their manim classes, and lecture 2's
scripts need the scene computed (the training scene runs 10,000 epochs), so asking a scene for its
beats costs seconds and, for lecture 1, imports manim. ``nnanim/beat_table.json`` holds the
answer for the built-in values, written by ``scripts/beat_table.py``, and
``tests/course/test_course_contract.py`` holds it to what the scenes build now, so a change of a scene's
beats fails the tests until the table is written again; a change that keeps the beats (a drawing,
a caption's words) needs nothing. A scene the table does not name is asked.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import course

__all__ = ["TABLE", "cached_beat_names", "beat_names", "table_of"]

#: The table, beside this module (a package data file).
TABLE = Path(__file__).with_name("beat_table.json")


@cache
def _table() -> dict[str, list[str]]:
    try:
        return json.loads(TABLE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def cached_beat_names(slug: str) -> list[str] | None:
    """Scene ``slug``'s beat names with the built-in values from the table, or ``None`` when the
    table does not name the scene."""
    names = _table().get(slug)
    return None if names is None else list(names)


def beat_names(slug: str, values=None, values_file: Path | None = None) -> list[str]:
    """Scene ``slug``'s beat names, asked of the scene: those its spec declares (the training's,
    nothing computed), else its content module's script when it has one (computing the scene), else
    the manim scene built with ``values_file`` (imports manim)."""
    names = course.beat_names(slug, values)
    if names is None:
        from scenes.render import scene_beats

        return [beat.name for beat in scene_beats(slug, values=values_file)]
    return list(names)


def table_of(slugs: list[str]) -> dict[str, list[str]]:
    """The table's entries for ``slugs``, with the built-in values, asked of the scenes now."""
    values = course.load_values()
    return {slug: beat_names(slug, values) for slug in slugs}
