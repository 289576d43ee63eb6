"""What ``nnanim list`` shows with the built-in values, known without importing the course:
every lecture's number, key and title, and its scenes in order with slug, title, summary and beat
names.

Lecture 1's scenes build their beats (and captions) inside their manim classes, and lecture 2's
scripts need the scene computed (the training scene runs 10,000 epochs), so asking a scene for its
beats costs seconds and, for lecture 1, imports manim; even importing :mod:`course` imports every
content module and numpy (about 0.6 s). ``nnanim/beat_table.json`` holds the answer for the
built-in values, written by ``scripts/beat_table.py``, and ``tests/course/test_course_contract.py``
holds it to the course now, so a change of a lecture's scenes (their order, a title, a summary, a
scene's beats) fails the tests until the table is written again; a change that keeps them (a
drawing, a caption's words) needs nothing. This module imports neither :mod:`course` nor numpy
until a scene is asked (:func:`beat_names`, :func:`table_of`).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

__all__ = ["TABLE", "listed_lecture", "beat_names", "table_of"]

#: The table, beside this module (a package data file).
TABLE = Path(__file__).with_name("beat_table.json")


@cache
def _table() -> dict:
    try:
        return json.loads(TABLE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def listed_lecture(ref: str | int | None) -> dict | None:
    """The table's entry for lecture ``ref`` — by number (``2``) or key (``"lecture-2"``) as
    :func:`course.lecture` reads it, lecture 1 for ``None`` — or ``None`` when the table does not
    name it (then the course is asked, and its error names the lectures there are).

    An entry is ``{"number", "key", "title", "scenes": [{"slug", "title", "summary", "beats"}]}``,
    the scenes in lecture order, ``beats`` their names."""
    wanted = str(1 if ref is None else ref).strip().lower()
    # The rule of course.lecture; tests/course/test_course_contract.py holds the two to agree.
    return next((e for e in _table().get("lectures", ()) if wanted in (str(e["number"]), e["key"])), None)


def beat_names(slug: str, values=None, values_file: Path | None = None) -> list[str]:
    """Scene ``slug``'s beat names, asked of the scene: those its spec declares (the training's,
    nothing computed), else its content module's script when it has one (computing the scene), else
    the manim scene built with ``values_file`` (imports manim)."""
    import course

    names = course.beat_names(slug, values)
    if names is None:
        from scenes.render import scene_beats

        return [beat.name for beat in scene_beats(slug, values=values_file)]
    return list(names)


def table_of(lectures) -> dict:
    """The table for ``lectures`` (:class:`course.Lecture`\\ s) with the built-in values, every
    scene's beats asked of it now."""
    import course

    values = course.load_values()
    return {
        "lectures": [
            {
                "number": lec.number,
                "key": lec.key,
                "title": lec.title,
                "scenes": [
                    {"slug": s.slug, "title": s.title, "summary": s.summary, "beats": beat_names(s.slug, values)}
                    for s in lec.scenes
                ],
            }
            for lec in lectures
        ]
    }
