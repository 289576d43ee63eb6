"""Cheaper deep copies of mobjects: what a copy never changes is shared, not copied.

manim deep-copies a mobject whenever an animation starts (a Transform copies its mobject and its
target, a fade its mobject), also while a render skips to a beat and in a dry run. Two kinds of
values inside those copies are never changed after they are made, yet were copied object by
object, and were most of the cost of a dry run (layers: 60% of it in ``copy.deepcopy``; a text's
glyph outlines alone were about 90% of the objects copied):

- the parsed SVG path a glyph or shape was built from (``VMobjectFromSVGPath.path_obj``, an
  ``svgelements`` tree of points and curves): it is read once, when the points are made in
  ``__init__``, and never again;
- a ``ManimColor``: manim treats one as a value (every colour operation returns a new colour, and
  ``ManimColor(color)`` already shares the other's array).

Sharing them changes no frame (tests/scenes/test_copying.py compares stills with and without). Importing
this module installs the copies; :mod:`scenes.base` imports it, so every scene, whether rendered by
nnanim or by plain ``manim``, gets them.
"""

from __future__ import annotations

from manim import Mobject
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
from manim.utils.color.core import ManimColor

__all__ = ["install", "uninstall"]

_SAVED: dict[type, object] = {}


def _copy_sharing_the_parsed_path(self: VMobjectFromSVGPath, memo: dict[int, object]) -> VMobjectFromSVGPath:
    path = self.__dict__.get("path_obj")
    if path is not None:
        memo.setdefault(id(path), path)
    return Mobject.__deepcopy__(self, memo)


def _colour_as_a_value(self: ManimColor, memo: dict[int, object]) -> ManimColor:
    return self


def install() -> None:
    """Share parsed paths and colours between a mobject and its copies (idempotent)."""
    for cls, method in ((VMobjectFromSVGPath, _copy_sharing_the_parsed_path), (ManimColor, _colour_as_a_value)):
        if cls not in _SAVED:
            _SAVED[cls] = cls.__dict__.get("__deepcopy__")
            cls.__deepcopy__ = method


def uninstall() -> None:
    """manim's own copies again (for tests that compare both)."""
    for cls, method in list(_SAVED.items()):
        if method is None:
            del cls.__deepcopy__
        else:
            cls.__deepcopy__ = method
        del _SAVED[cls]


install()
