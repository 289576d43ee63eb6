"""Lecture 1, forward propagation: the sixteen scenes of the notes, in the notes' order.

The scenes' compute functions and titles are :data:`nnmath.lecture.CATALOGUE`, their values keys
:data:`nnmath.values.SCHEMA`, their values and the notes' errata ``nnmath/data/lecture.toml``.
"""

from __future__ import annotations

from course.spec import Lecture, SceneSpec
from nnmath.lecture import CATALOGUE
from nnmath.values import SCHEMA

__all__ = ["LECTURE"]

#: The manim class drawing each scene, as ``module:Class``.
_SCENE_CLASSES = {
    "neuron": "scenes.neuron:Neuron",
    "dot-product": "scenes.dot_product:DotProduct",
    "vector-matrix": "scenes.vector_matrix:VectorMatrix",
    "matrix-vector": "scenes.matrix_vector:MatrixVector",
    "transpose": "scenes.transpose:Transpose",
    "matrix-matrix": "scenes.matrix_matrix:MatrixMatrix",
    "layers": "scenes.layers:Layers",
    "activations": "scenes.activations:Activations",
    "why-activations": "scenes.why_activations:WhyActivations",
    "softmax": "scenes.softmax:Softmax",
    "forward-pass": "scenes.forward_pass:ForwardPass",
    "one-hot": "scenes.one_hot:OneHot",
    "cross-entropy": "scenes.cross_entropy:CrossEntropy",
    "mse": "scenes.mse:MeanSquaredError",
    "playground": "scenes.playground:Playground",
    "derivatives": "scenes.derivatives:Derivatives",
}

LECTURE = Lecture(
    number=1,
    key="lecture-1",
    title="Forward propagation",
    scenes=tuple(
        SceneSpec(info.slug, info.title, info.summary, info.compute, _SCENE_CLASSES[info.slug], SCHEMA[info.slug])
        for info in CATALOGUE.values()
    ),
    values=("nnmath.data", "lecture.toml"),
)
