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

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from course.spec import BeatScript, Key, Lecture, SceneSpec

__all__ = [
    "BeatScript",
    "Key",
    "Lecture",
    "SceneSpec",
    "LECTURES",
    "UnknownLecture",
    "lecture",
    "lecture_of",
    "spec",
    "all_slugs",
    "schema",
    "limits",
    "check_limits",
    "load_values",
    "scene_table",
    "explain",
    "errata",
    "beat_script",
    "beat_names",
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


def limits() -> dict[str, Callable[[Mapping[str, object], str], None]]:
    """The scenes' own limits (:attr:`SceneSpec.limits`), by slug, for those that have any."""
    return {slug: s.limits for lec in LECTURES for slug, s in zip(lec.slugs, lec.scenes) if s.limits}


def check_limits(tables: Mapping[str, Mapping[str, object]]) -> None:
    """Refuse values no scene of the course can show (:func:`nnmath.limits.check_limits` with
    every scene's own limits); :class:`nnmath.limits.LimitError` names the table and key."""
    from nnmath.limits import check_limits as _check

    _check(tables, limits())


def load_values(path: str | Path | None = None):
    """Every lecture's built-in values, with the TOML file at ``path`` (if given) on top.

    A lecturer's file may hold tables of any lecture's scenes. Raises
    :class:`nnmath.values.ValuesError` naming the file, line and key of what is wrong.
    """
    from nnmath.values import load_values as _load

    # Each scene's table and each errata file on its own, so that a mistake in one is named by
    # its file (the content module) rather than by a file that exists only as `nnanim values`.
    builtins = tuple(part for lec in LECTURES for part in lec.values_parts())
    return _load(path, schema=schema(), builtins=builtins, limits=limits())


def scene_table(slug: str, values: Mapping[str, Mapping[str, object]]) -> Mapping[str, object]:
    """Everything scene ``slug`` computes from: its own table, and the keys of the tables it
    :attr:`~SceneSpec.reads` as ``slug.key`` (``forward-pass.w1``). A render's cache key is made
    from this, so a change in the forward pass's weights re-renders cross-entropy too."""
    reads = spec(slug).reads
    if not reads:
        return values[slug]
    table = dict(values[slug])
    for other in reads:
        table.update({f"{other}.{key}": value for key, value in values[other].items()})
    return MappingProxyType(table)


def explain(slug: str, values=None):
    """Compute everything scene ``slug`` shows (an :class:`nnmath.lecture.Explanation`), from
    ``values`` (the built-in ones by default), with the rows of the notes' errata about it.

    Raises ``KeyError`` for an unknown slug and :class:`nnmath.NNMathError` (naming the scene) when
    the values do not compute.
    """
    from nnmath.errors import NNMathError

    scene = spec(slug)
    values = values if values is not None else load_values()
    try:
        explanation = scene.compute(scene_table(slug, values))
    except NNMathError as exc:
        raise exc.within(slug) from None
    about = [e for e in values.errata if e.scene == slug]
    if not about:
        return explanation
    return replace(explanation, errata=_errata_rows(slug, explanation, about, values))


def _errata_rows(slug: str, explanation, about, values) -> tuple:
    """One :class:`~nnmath.lecture.ErratumRow` per erratum ``about`` the scene whose quantity it
    computes, each saying whether it still applies: whether the inputs the quantity is computed
    from are the notes' own (the built-in values), whatever else a lecturer changed."""
    from nnmath.lecture import ErratumRow

    notes_values = load_values()
    if values[slug] is notes_values[slug]:
        notes = explanation
    else:
        notes = spec(slug).compute(scene_table(slug, notes_values))
    return tuple(
        ErratumRow(
            e,
            quantity.text(3),
            quantity.how,
            applies=_about_the_same(quantity, notes.quantities.get(e.quantity), values[slug], notes_values[slug]),
            index=quantity.index,
        )
        for e in about
        # With other values a quantity may not exist (no third entry of a 2-vector): nothing to correct.
        if (quantity := explanation.quantities.get(e.quantity)) is not None
    )


def _about_the_same(ours, notes, our_values: Mapping[str, object], lecture: Mapping[str, object]) -> bool:
    """Whether an erratum about ``ours`` still speaks of the notes' numbers: the inputs it is
    computed from (:attr:`~nnmath.lecture.Quantity.about`) are the lecture's, or — for a quantity
    that does not say — the scene's whole table is."""
    if notes is None:
        return False
    if ours.about or notes.about:
        return len(ours.about) == len(notes.about) and all(_same(a, b) for a, b in zip(ours.about, notes.about))
    return our_values.keys() == lecture.keys() and all(_same(our_values[k], lecture[k]) for k in our_values)


def _same(a: object, b: object) -> bool:
    import numpy as np

    if isinstance(a, (np.ndarray, float, int)) or isinstance(b, (np.ndarray, float, int)):
        return np.shape(a) == np.shape(b) and bool(np.array_equal(a, b))
    return a == b


def errata(values=None) -> list:
    """The errata table of the whole course, computed live from ``values`` (the built-in ones by
    default): one :class:`~nnmath.lecture.ErratumRow` per erratum, scene by scene."""
    values = values if values is not None else load_values()
    scenes = dict.fromkeys(e.scene for e in values.errata)
    return [row for slug in scenes for row in explain(slug, values).errata]


def beat_script(slug: str, values=None) -> tuple[BeatScript, ...] | None:
    """Scene ``slug``'s beats as names and captions, computed without manim; ``None`` for a scene
    whose spec has no script, its beats existing only in its manim class (none of the course's now)."""
    scene = spec(slug)
    if scene.script is None:
        return None
    return tuple(scene.script(explain(slug, values)))


def beat_names(slug: str, values=None) -> tuple[str, ...] | None:
    """Scene ``slug``'s beat names: those its spec declares (nothing is computed), else its
    script's; ``None`` for a scene whose beats exist only in its manim class."""
    declared = spec(slug).beats
    if declared:
        return declared
    script = beat_script(slug, values)
    return None if script is None else tuple(beat.name for beat in script)
