"""activations: the activation functions' curves and points on them, and why two linear layers are one."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import SceneSpec
from nnmath.activations import ACTIVATIONS, activation_trace
from nnmath.display import format_number
from nnmath.errors import InputError
from nnmath.layers import Layer, compose_linear_trace, dense_trace, forward_trace
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.values import BATCH, MATRIX, NUMBER, VECTOR, Count, Names

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {
    "functions": Names(tuple(ACTIVATIONS)),
    "x_min": NUMBER,
    "x_max": NUMBER,
    "samples": Count(2, 10_000),
    "points": VECTOR,
    "stack_x": BATCH,
    "stack_w1": MATRIX,
    "stack_b1": VECTOR,
    "stack_w2": MATRIX,
    "stack_b2": VECTOR,
}


def compute(v: Mapping[str, object]) -> Explanation:
    low, high = float(v["x_min"]), float(v["x_max"])
    if not low < high:
        raise InputError(f"activations.x_min must be below x_max, got {low} and {high}")
    grid = np.linspace(low, high, v["samples"])
    curves = tuple(activation_trace(name, grid) for name in v["functions"])
    points = tuple(activation_trace(name, v["points"], x_name="points") for name in v["functions"])
    composed = compose_linear_trace(v["stack_w1"], v["stack_b1"], v["stack_w2"], v["stack_b2"])
    two_layers = forward_trace(
        v["stack_x"],
        [Layer(v["stack_w1"], v["stack_b1"], activation="linear"), Layer(v["stack_w2"], v["stack_b2"], activation="linear")],
    ).trace
    one_layer = dense_trace(v["stack_x"], composed[0].output, composed[-1].output, weights_name="w2·w1", biases_name="w2·b1 + b2")
    quantities = {
        f"{step.op}({format_number(x)})": Quantity(y, step.note) for step in points for x, y in zip(step.inputs["points"], step.output)
    }
    quantities["two linear layers"] = Quantity(two_layers.output, "w2·(w1·x + b1) + b2")
    quantities["one linear layer"] = Quantity(one_layer.output, "(w2·w1)·x + (w2·b1 + b2)")
    return Explanation(
        "activations",
        "Activation functions",
        (
            Section("the curves", curves),
            Section("points on the curves", points),
            Section("two linear layers ...", tuple(two_layers)),
            Section("... are one linear layer", (*composed, *one_layer)),
        ),
        quantities,
    )


SPEC = SceneSpec(
    "activations",
    "Activation functions",
    "ReLU, sigmoid, step, tanh; stacked linear layers stay linear",
    compute,
    "scenes.activations:Activations",
    SCHEMA,
)
