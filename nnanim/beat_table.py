"""Every scene's beat names with the built-in values, known without manim: what ``nnanim list``
shows.

Lecture 1's scenes build their beats (and captions) inside their manim classes, and lecture 2's
scripts need the scene computed (the training scene runs 10,000 epochs), so asking a scene for its
beats costs seconds and, for lecture 1, imports manim. ``nnanim/beat_table.json`` holds the
answer for the built-in values, written by ``scripts/beat_table.py``. Each entry carries a hash of
the two files that define the scene's beats (its scene module and its content module): an entry
whose files have changed since is not used, and the beats are asked of the scene again, so a stale
table costs time, never a wrong list. ``tests/test_course_contract.py`` holds the table to what
the scenes build.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path

import course

__all__ = ["TABLE", "source_key", "cached_beat_names", "beat_names", "table_of"]

#: The table, beside this module (a package data file).
TABLE = Path(__file__).with_name("beat_table.json")
_ROOT = Path(course.__file__).resolve().parent.parent


def _files(slug: str) -> list[Path]:
    spec = course.spec(slug)
    return [_ROOT / spec.scene_file, Path(sys.modules[spec.compute.__module__].__file__)]


def source_key(slug: str) -> str:
    """A short hash of the files that define scene ``slug``'s beats: its scene and content modules."""
    digest = hashlib.sha256()
    for path in _files(slug):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def _table() -> dict[str, dict[str, object]]:
    try:
        return json.loads(TABLE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def cached_beat_names(slug: str) -> list[str] | None:
    """Scene ``slug``'s beat names with the built-in values from the table, or ``None`` when the
    table has no entry for it or the scene's files changed since it was written."""
    entry = _table().get(slug)
    if entry is None or entry["source"] != source_key(slug):
        return None
    return list(entry["beats"])


def beat_names(slug: str, values=None, values_file: Path | None = None) -> list[str]:
    """Scene ``slug``'s beat names, asked of the scene: its content module's script when it has one
    (computing the scene), else the manim scene built with ``values_file`` (imports manim)."""
    beats = course.beat_script(slug, values)
    if beats is None:
        from scenes.render import scene_beats

        beats = scene_beats(slug, values=values_file)
    return [beat.name for beat in beats]


def table_of(slugs: list[str]) -> dict[str, dict[str, object]]:
    """The table's entries for ``slugs``, with the built-in values, asked of the scenes now."""
    values = course.load_values()
    return {slug: {"source": source_key(slug), "beats": beat_names(slug, values)} for slug in slugs}
