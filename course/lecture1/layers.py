"""layers: a batch of samples through two dense layers, shapes first."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import SceneSpec
from nnmath.layers import dense_trace
from nnmath.lecture import Explanation, Quantity, Section, shape_text
from nnmath.values import BATCH, MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"X": BATCH, "w1": MATRIX, "b1": VECTOR, "w2": MATRIX, "b2": VECTOR}


def compute(v: Mapping[str, object]) -> Explanation:
    first = dense_trace(v["X"], v["w1"], v["b1"], inputs_name="X", weights_name="w1", biases_name="b1")
    second = dense_trace(
        first.output, v["w2"], v["b2"], inputs_name="f1", weights_name="w2", biases_name="b2", parents=(first[-1],)
    )
    shapes = {f"shape {k}": Quantity(shape_text(v[k])) for k in ("X", "w1", "b1", "w2", "b2")}
    shapes["shape b1"] = Quantity(
        shapes["shape b1"].value,
        "numpy shape: one bias per neuron, added to every sample's row",
        about=(np.shape(v["b1"]),),  # the notes' "3×1" is about three biases, whatever their values
    )
    shapes["shape b2"] = Quantity(shapes["shape b2"].value, shapes["shape b1"].how)
    samples = np.shape(v["X"])[0] if np.ndim(v["X"]) == 2 else 1
    shapes["shape X"] = Quantity(
        shapes["shape X"].value,
        f"{samples} sample{'s' if samples != 1 else ''} of {np.shape(v['X'])[-1]} features",
        about=(v["X"],),
    )
    return Explanation(
        "layers",
        "Adding more layers",
        (Section("layer 1: np.dot(X, w1ᵀ) + b1", tuple(first)), Section("layer 2: np.dot(f1, w2ᵀ) + b2", tuple(second))),
        {**shapes, "f1": Quantity(first.output, "np.dot(X, w1ᵀ) + b1"), "output": Quantity(second.output, "np.dot(f1, w2ᵀ) + b2")},
    )


SPEC = SceneSpec(
    "layers",
    "Adding more layers",
    "a batch through two dense layers, shapes first",
    compute,
    "scenes.layers:Layers",
    SCHEMA,
)
