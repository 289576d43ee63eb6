"""The course: its lectures in order, each an ordered list of scene specs (manim-free).

Everything that names scenes goes through here: which lecture a slug belongs to, its place in
that lecture, its values schema, what it computes and which manim class draws it. Slugs are
unique across the course, so a slug alone always names one scene.

>>> import course
>>> course.lecture(1).slugs[:3]
['neuron', 'dot-product', 'vector-matrix']
>>> course.lecture_of("softmax").key
'lecture-1'
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from course.spec import BeatScript, Lecture, SceneSpec

__all__ = [
    "BeatScript",
    "Lecture",
    "SceneSpec",
    "LECTURES",
    "UnknownLecture",
    "lecture",
    "lecture_of",
    "spec",
    "all_slugs",
    "schema",
    "load_values",
    "explain",
    "beat_script",
]


def _lectures() -> tuple[Lecture, ...]:
    from course import lecture1, lecture2

    # A lecture shows up once it has scenes.
    return tuple(lec for lec in (lecture1.LECTURE, lecture2.LECTURE) if lec.scenes)


#: The lectures in course order.
LECTURES: tuple[Lecture, ...] = _lectures()
_BY_SLUG: Mapping[str, Lecture] = {slug: lec for lec in LECTURES for slug in lec.slugs}
if len(_BY_SLUG) != sum(len(lec.scenes) for lec in LECTURES):  # pragma: no cover — a programming error
    raise RuntimeError("a slug is used by two scenes of the course; slugs must be unique")


class UnknownLecture(LookupError):
    """No lecture of the course has that number or name."""


def lecture(ref: int | str = 1) -> Lecture:
    """The lecture numbered ``ref`` (``2``, ``"2"``) or keyed ``ref`` (``"lecture-2"``)."""
    for lec in LECTURES:
        if str(ref).strip().lower() in (str(lec.number), lec.key):
            return lec
    known = ", ".join(f"{lec.number} ({lec.key}: {lec.title})" for lec in LECTURES)
    raise UnknownLecture(f"no lecture {ref!r}; the course has lectures {known}")


def lecture_of(slug: str) -> Lecture:
    """The lecture scene ``slug`` belongs to; ``KeyError`` if no scene has that slug."""
    return _BY_SLUG[slug]


def spec(slug: str) -> SceneSpec:
    """The spec of scene ``slug``; ``KeyError`` if no scene has that slug."""
    return _BY_SLUG[slug].scenes[_BY_SLUG[slug].position(slug) - 1]


def all_slugs() -> list[str]:
    """Every scene of the course, lecture by lecture, in order."""
    return [slug for lec in LECTURES for slug in lec.slugs]


def schema() -> dict[str, Mapping[str, object]]:
    """The keys every scene's values table may hold, for the whole course."""
    return {slug: s for lec in LECTURES for slug, s in lec.schema().items()}


def load_values(path: str | Path | None = None):
    """Every lecture's built-in values, with the TOML file at ``path`` (if given) on top.

    A lecturer's file may hold tables of any lecture's scenes. Raises
    :class:`nnmath.values.ValuesError` naming the file, line and key of what is wrong.
    """
    from nnmath.values import load_values as _load

    builtins = tuple((_values_name(lec), lec.values_text()) for lec in LECTURES)
    return _load(path, schema=schema(), builtins=builtins)


def _values_name(lec: Lecture) -> str:
    """How errors name a built-in values file: lecture 1's is ``lecture.toml``, as it always was."""
    package, name = lec.values
    return name if lec.number == 1 else f"{package.replace('.', '/')}/{name}"


def explain(slug: str, values=None):
    """Compute everything scene ``slug`` shows (an :class:`nnmath.lecture.Explanation`).

    Raises ``KeyError`` for an unknown slug and :class:`nnmath.NNMathError` (naming the scene) when
    the values do not compute.
    """
    from nnmath import lecture as lecture_one
    from nnmath.errors import NNMathError

    scene = spec(slug)
    values = values if values is not None else load_values()
    if slug in lecture_one.CATALOGUE:
        # Lecture 1 carries the notes' errata, which nnmath.lecture attaches.
        return lecture_one.explain(slug, values)
    try:
        return scene.compute(values[slug])
    except NNMathError as exc:
        raise exc.within(slug) from None


def beat_script(slug: str, values=None) -> tuple[BeatScript, ...] | None:
    """Scene ``slug``'s beats as names and captions, computed without manim; ``None`` for a scene
    whose beats exist only in its manim class (lecture 1's, for now)."""
    scene = spec(slug)
    if scene.script is None:
        return None
    return tuple(scene.script(explain(slug, values)))
