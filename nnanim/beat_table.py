"""What ``nnanim list`` shows with the built-in values, known without importing the course:
every lecture's number, key and title, and its scenes in order with slug, title, summary and beat
names.

Asking the course costs: importing :mod:`course` imports every content module and numpy (about
0.6 s), and the scripts compute their scenes (a second or more). ``nnanim/beat_table.json`` holds
the answer for the built-in values, written by ``scripts/beat_table.py`` (``make`` runs it; the
file is not in git), with a digest of the sources it was made from — every file under ``course/``
and ``nnmath/``, this module, and ``scenes/`` when a scene's beats come from its manim class. The
table is used only while that digest still matches; after any change to those files (a scene
added, a title reworded) ``nnanim list`` asks the course instead and prints the same rows, more
slowly, until the table is written again. Nobody edits the table, and nothing has to be run to
keep ``nnanim list`` right. This module imports neither :mod:`course` nor numpy until a scene is
asked (:func:`beat_names`, :func:`table_of`).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

__all__ = ["TABLE", "SOURCES", "listed_lecture", "beat_names", "table_of", "sources_digest"]

#: The table, beside this module (generated; see the module's text).
TABLE = Path(__file__).with_name("beat_table.json")
#: The repository the sources are read from (this module's package's parent).
ROOT = Path(__file__).resolve().parents[1]
#: The files whose content decides what ``nnanim list`` prints with the built-in values: the
#: course (specs, scripts, values, errata), the math the scripts compute with, and this module.
#: A new file matching a pattern (a scene's content module) changes the digest too.
SOURCES = ("course/**/*.py", "course/**/*.toml", "nnmath/**/*.py", "nnanim/beat_table.py")
#: Added when a scene's beats come from its manim class (a spec without a script).
SCENE_SOURCES = ("scenes/**/*.py",)


def sources_digest(patterns, root: Path = ROOT) -> str:
    """A SHA-256 of the paths and contents of the files under ``root`` matching ``patterns``."""
    digest = hashlib.sha256()
    files = sorted({path for pattern in patterns for path in root.glob(pattern) if path.is_file()})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _table() -> dict:
    """The table if it is there and was made from the sources as they are now, else ``{}``."""
    try:
        table = json.loads(TABLE.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    sources = table.get("sources")
    if not isinstance(sources, list) or table.get("digest") != sources_digest(sources):
        return {}
    return table


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


def table_of(lectures, root: Path = ROOT) -> dict:
    """The table for ``lectures`` (:class:`course.Lecture`\\ s) with the built-in values, every
    scene's beats asked of it now, and the digest of the sources under ``root`` it is made from."""
    import course

    values = course.load_values()
    scripted = all(s.script is not None or s.beats for lec in lectures for s in lec.scenes)
    sources = list(SOURCES if scripted else SOURCES + SCENE_SOURCES)
    return {
        "sources": sources,
        "digest": sources_digest(sources, root),
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
