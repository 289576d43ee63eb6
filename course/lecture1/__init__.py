"""Lecture 1, forward propagation: the scenes of the notes, in the notes' order.

Each scene is one content module in this package — its values schema (and limits, where a scene
has its own), its built-in values, its compute function and its :class:`~course.spec.SceneSpec`,
whose ``place`` puts it in the lecture — found by :func:`~course.spec.scenes_of`: nothing here lists
them. This file holds the lecture's own metadata: its number, title, the opening comment of its
values file, and the notes' errata (``errata.toml`` beside this file).
"""

from __future__ import annotations

from course.spec import Lecture, scenes_of

__all__ = ["LECTURE"]

LECTURE = Lecture(
    number=1,
    key="lecture-1",
    title="Forward propagation",
    scenes=scenes_of(__name__),
    package=__name__,
    values_header="""
# The values of "Neural Networks from Scratch Pt 1", scene by scene.
#
# Every number here is an input: nnmath computes every result from them, and every scene draws
# what nnmath computed. Change a number and re-render to get a correct new video.
# Where the notes give no value, the book's (Neural Networks from Scratch in Python) is used.
# `nnanim values` prints this file; `nnanim explain SLUG` prints what is computed from it.
""",
    errata="errata.toml",
)
