"""What a lecture and a scene of the course are, as data (no manim, no drawing).

A :class:`SceneSpec` is everything about one scene that is not drawing: its slug, title and
one-line summary, the keys its values table accepts (``schema``, each a :class:`Key`: its kind and
what it means), the function that computes what it shows from those values (``compute``), where
the manim class that draws it lives (``scene``, as ``"module:Class"``, imported only when a scene
is rendered), its built-in values (``values``, its ``[slug]`` table as TOML) and its ``place`` in
its lecture. A :class:`Lecture` is an ordered tuple of specs, found in its package by
:func:`scenes_of`, with the lecture's own metadata (the values file's opening comment, the notes'
errata). Adding a scene is adding its content module: nothing lists it by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType

__all__ = ["BeatScript", "Key", "SceneSpec", "Lecture", "LectureError", "scenes_of"]


class LectureError(Exception):
    """A lecture package whose scenes do not make one lecture: two claim one place, one has no
    place, a content module has no spec. A programming error, raised when the course is imported."""


@dataclass(frozen=True)
class Key:
    """One key of a scene's values table: its ``kind`` (:mod:`nnmath.values`: ``NUMBER``,
    ``Count(…)``, ``Names(…)``, …, which checks a value and describes its shape) and its ``meaning``
    for a lecturer, one phrase (`nnanim values --keys` prints both). It checks and describes as its
    kind does, so a schema of keys is what :func:`nnmath.values.load_values` takes."""

    kind: object
    meaning: str

    def describe(self) -> str:
        return self.kind.describe()

    def check(self, value: object, name: str) -> object:
        return self.kind.check(value, name)


@dataclass(frozen=True)
class BeatScript:
    """A beat as words, before anything is drawn: its section ``name`` and its ``caption``."""

    name: str
    caption: str


@dataclass(frozen=True)
class SceneSpec:
    """One scene: slug, title, summary, values schema, compute function and scene class.

    ``compute`` takes the scene's checked values table (a mapping of key to value, arrays
    read-only float64) and returns an :class:`nnmath.lecture.Explanation`. ``script``, when
    given, takes that explanation and returns the scene's beats as :class:`BeatScript` s (names and
    captions, with the computed numbers in them), so the beats are known without manim: `nnanim
    list`, the notebook and the planning of renders read them from here, and the scene class plays
    one method per beat name (:meth:`scenes.base.LectureScene.scripted_beats`). ``beats``, when
    given, are the beats' names known without computing: a scene that is slow to compute (the
    training) declares them so that `nnanim list` does not compute it; its script gives the same
    names.
    """

    slug: str
    title: str
    summary: str
    compute: Callable[[Mapping[str, object]], object]
    scene: str
    schema: Mapping[str, object] = field(default_factory=dict)
    script: Callable[[object], tuple[BeatScript, ...]] | None = None
    #: The scene's own limits beyond those of every table (:data:`nnmath.limits.TableLimits`):
    #: values it could compute but cannot show, such as more classes than it has room for.
    limits: Callable[[Mapping[str, object], str], None] | None = None
    #: Other scenes' tables this one computes from (cross-entropy: the forward pass's network and
    #: one-hot's first sample); :func:`course.scene_table` adds their keys as ``slug.key``.
    reads: tuple[str, ...] = ()
    #: The beats' names when they are known without computing (see above; the training's).
    beats: tuple[str, ...] = ()
    #: The scene's built-in values: its ``[slug]`` table as TOML, with comments for lecturers.
    #: `nnanim values` prints the lecture's tables in lecture order (:meth:`Lecture.values_text`).
    values: str = ""
    #: Where the scene comes in its lecture: scenes play in increasing ``place``. Leave gaps (10,
    #: 20, …) so that a scene can go between two others without renumbering them.
    place: int | None = None

    @property
    def values_toml(self) -> str:
        """:attr:`values` as one block of the lecture's file: no blank line before or after it."""
        return self.values.strip("\n") + "\n"

    @property
    def scene_file(self) -> str:
        """The scene's file relative to the repository root, e.g. ``scenes/vector_matrix.py``."""
        return self.scene.split(":")[0].replace(".", "/") + ".py"


@dataclass(frozen=True)
class Lecture:
    """A lecture of the course: its number, key (its output folder's name), title and scenes.

    ``package`` is the lecture's package (``"course.lecture1"``), which holds one content module
    per scene (:func:`scenes_of` finds them). Its built-in values file is made of
    ``values_header`` (the file's opening comment), every scene's :attr:`SceneSpec.values` in
    lecture order and, where the notes print a wrong number, the ``[[errata]]`` tables of the file
    ``errata`` in the package.
    """

    number: int
    key: str
    title: str
    scenes: tuple[SceneSpec, ...]
    package: str
    values_header: str = ""
    errata: str | None = None

    @property
    def slugs(self) -> list[str]:
        return [spec.slug for spec in self.scenes]

    def position(self, slug: str) -> int:
        """The scene's 1-based place in the lecture (file names are numbered by it)."""
        return self.slugs.index(slug) + 1

    def values_parts(self) -> tuple[tuple[str, str], ...]:
        """The built-in values as ``(name, TOML)`` parts, in the file's order: each scene's table
        named by its content module's ``VALUES`` (``course/lecture1/one_hot.py VALUES``, so that a
        mistake in it reads ``… VALUES:3: unknown key``, a line of that string), then the errata file."""
        parts = tuple((f"{_file_of_module(spec.compute.__module__)} VALUES", spec.values_toml) for spec in self.scenes)
        if self.errata:
            text = resources.files(self.package).joinpath(self.errata).read_text(encoding="utf-8")
            parts += ((f"{self.package.replace('.', '/')}/{self.errata}", text),)
        return parts

    def values_text(self) -> str:
        """The lecture's built-in values file as `nnanim values` prints it: the opening comment,
        one table per scene in lecture order, the errata; a blank line between each."""
        blocks = [self.values_header.strip("\n") + "\n"] if self.values_header else []
        return "\n".join(blocks + [text for _name, text in self.values_parts()])

    def schema(self) -> Mapping[str, Mapping[str, object]]:
        return MappingProxyType({spec.slug: spec.schema for spec in self.scenes})


def _file_of_module(module: str) -> str:
    return module.replace(".", "/") + ".py"


def scenes_of(package: str) -> tuple[SceneSpec, ...]:
    """The scenes of lecture package ``package`` in lecture order: the ``SPEC`` of each of its
    modules that has one, by :attr:`SceneSpec.place`.

    A module without ``SPEC`` is a helper (``common.py``), unless it defines ``compute`` — a
    content module whose spec is missing. Raises :class:`LectureError` naming the modules when a
    spec has no place or two claim one place.
    """
    found: list[tuple[int, str, SceneSpec]] = []
    for info in sorted(pkgutil.iter_modules(sys.modules[package].__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        where = _file_of_module(module.__name__)
        spec = getattr(module, "SPEC", None)
        if spec is None:
            if hasattr(module, "compute"):
                raise LectureError(f"{where} defines compute but no SPEC: a scene's content module ends with "
                                   "SPEC = SceneSpec(...) (docs/adding-a-scene.md)")
            continue
        if not isinstance(spec, SceneSpec):
            raise LectureError(f"{where}: SPEC is a {type(spec).__name__}, not a course.spec.SceneSpec")
        if not isinstance(spec.place, int) or isinstance(spec.place, bool):
            raise LectureError(f"{where}: the spec of {spec.slug!r} gives no place in the lecture; add place=N "
                               "to its SceneSpec (scenes play in increasing place)")
        found.append((spec.place, where, spec))
    found.sort(key=lambda entry: entry[0])
    for (place, first, _), (other_place, second, _) in zip(found, found[1:]):
        if place == other_place:
            raise LectureError(f"{first} and {second} both take place {place} in {package}: give each scene "
                               "its own place (scenes play in increasing place)")
    return tuple(spec for _place, _where, spec in found)
