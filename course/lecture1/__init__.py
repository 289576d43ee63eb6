"""Lecture 1, forward propagation: the sixteen scenes of the notes, in the notes' order.

Each scene is one content module in this package: its values schema (and limits, where a scene
has its own), its compute function and its :class:`~course.spec.SceneSpec`; :data:`LECTURE` lists
them in lecture order. The built-in values and the notes' errata are ``values.toml`` beside this
file.
"""

from __future__ import annotations

from course.lecture1 import (  # one line per scene, in lecture order
    neuron,
    dot_product,
    vector_matrix,
    matrix_vector,
    transpose,
    matrix_matrix,
    layers,
    activations,
    why_activations,
    softmax,
    forward_pass,
    one_hot,
    cross_entropy,
    mse,
    playground,
    derivatives,
)
from course.spec import Lecture, SceneSpec

__all__ = ["LECTURE"]

_SCENES: tuple[SceneSpec, ...] = (
    neuron.SPEC,
    dot_product.SPEC,
    vector_matrix.SPEC,
    matrix_vector.SPEC,
    transpose.SPEC,
    matrix_matrix.SPEC,
    layers.SPEC,
    activations.SPEC,
    why_activations.SPEC,
    softmax.SPEC,
    forward_pass.SPEC,
    one_hot.SPEC,
    cross_entropy.SPEC,
    mse.SPEC,
    playground.SPEC,
    derivatives.SPEC,
)

LECTURE = Lecture(
    number=1,
    key="lecture-1",
    title="Forward propagation",
    scenes=_SCENES,
    values=("course.lecture1", "values.toml"),
)
