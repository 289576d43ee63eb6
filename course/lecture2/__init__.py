"""Lecture 2, backpropagation and training (the book's chapters 9 and 10).

Each scene is one content module in this package — its values schema, its built-in values, its
compute function and its :class:`~course.spec.SceneSpec`, whose ``place`` puts it in the lecture —
found by :func:`~course.spec.scenes_of`: nothing here lists them. This file holds the lecture's own
metadata (number, title, the opening comment of its values file).
"""

from __future__ import annotations

from course.spec import Lecture, scenes_of

__all__ = ["LECTURE"]

LECTURE = Lecture(
    number=2,
    key="lecture-2",
    title="Backpropagation and training",
    scenes=scenes_of(__name__),
    package=__name__,
    values_header="""
# Lecture 2: backpropagation and training. One [slug] table per scene (the book's values).
""",
)
