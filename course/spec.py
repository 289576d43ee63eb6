"""What a lecture and a scene of the course are, as data (no manim, no drawing).

A :class:`SceneSpec` is everything about one scene that is not drawing: its slug, title and
one-line summary, the keys its values table accepts (``schema``), the function that computes what
it shows from those values (``compute``), and where the manim class that draws it lives
(``scene``, as ``"module:Class"``, imported only when a scene is rendered). A :class:`Lecture` is
an ordered tuple of specs with its built-in values file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType

__all__ = ["BeatScript", "SceneSpec", "Lecture"]


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

    @property
    def scene_file(self) -> str:
        """The scene's file relative to the repository root, e.g. ``scenes/vector_matrix.py``."""
        return self.scene.split(":")[0].replace(".", "/") + ".py"


@dataclass(frozen=True)
class Lecture:
    """A lecture of the course: its number, key (its output folder's name), title and scenes.

    ``values`` is the built-in values file as ``(package, file name)``: one ``[slug]`` table per
    scene, and the notes' errata as ``[[errata]]`` tables where the notes print a wrong number.
    """

    number: int
    key: str
    title: str
    scenes: tuple[SceneSpec, ...]
    values: tuple[str, str]

    @property
    def slugs(self) -> list[str]:
        return [spec.slug for spec in self.scenes]

    def position(self, slug: str) -> int:
        """The scene's 1-based place in the lecture (file names are numbered by it)."""
        return self.slugs.index(slug) + 1

    def values_text(self) -> str:
        package, name = self.values
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")

    def schema(self) -> Mapping[str, Mapping[str, object]]:
        return MappingProxyType({spec.slug: spec.schema for spec in self.scenes})
