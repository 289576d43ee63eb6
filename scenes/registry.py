"""Which scene class draws which slug of the lecture catalogue (:data:`nnmath.lecture.CATALOGUE`).

Classes are named as ``module:Class`` and imported on demand, so listing the scenes does not
import manim.
"""

from __future__ import annotations

from importlib import import_module

__all__ = ["SCENE_CLASSES", "scene_class", "scene_file"]

SCENE_CLASSES: dict[str, str] = {
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
    "derivatives": "scenes.derivatives:Derivatives",
}


def scene_class(slug: str) -> type:
    """The scene class of ``slug``; ``KeyError`` if the slug has no scene yet."""
    module, name = SCENE_CLASSES[slug].split(":")
    return getattr(import_module(module), name)


def scene_file(slug: str) -> str:
    """The path of the scene's file relative to the repository root, e.g. ``scenes/vector_matrix.py``."""
    return SCENE_CLASSES[slug].split(":")[0].replace(".", "/") + ".py"
