"""Lecture 2, backpropagation and training (the book's chapters 9 and 10).

Each scene is one content module in this package: its values schema, its compute function and
its :class:`~course.spec.SceneSpec`; :data:`LECTURE` lists them in lecture order. The built-in
values are ``values.toml`` beside this file.
"""

from __future__ import annotations

from course.lecture2 import (  # one line per scene, in lecture order
    backprop_neuron,
    backprop_layer,
    relu_backward,
    softmax_cce_gradient,
    gradient_descent,
    optimizers,
    training,
)
from course.spec import Lecture, SceneSpec

__all__ = ["LECTURE"]

_SCENES: tuple[SceneSpec, ...] = (
    backprop_neuron.SPEC,
    backprop_layer.SPEC,
    relu_backward.SPEC,
    softmax_cce_gradient.SPEC,
    gradient_descent.SPEC,
    optimizers.SPEC,
    training.SPEC,
)

LECTURE = Lecture(
    number=2,
    key="lecture-2",
    title="Backpropagation and training",
    scenes=_SCENES,
    values=("course.lecture2", "values.toml"),
)
