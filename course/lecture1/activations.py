"""activations: the activation functions' curves and points on them, and why two linear layers are one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from course.spec import BeatScript, Key, SceneSpec
from nnmath.activations import ACTIVATIONS, activation_trace
from nnmath.display import format_array, format_number
from nnmath.errors import InputError
from nnmath.layers import Layer, compose_linear_trace, dense_trace, forward_trace
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.trace import Step
from nnmath.values import BATCH, MATRIX, NUMBER, VECTOR, Count, Names

__all__ = ["SCHEMA", "compute", "script", "curve_beat_names", "display_name", "display_formula", "SPEC"]

SCHEMA = {
    "functions": Key(Names(tuple(ACTIVATIONS)), "the curves drawn, in order"),
    "x_min": Key(NUMBER, "the left end of the x axis"),
    "x_max": Key(NUMBER, "the right end of the x axis (above `x_min`)"),
    "samples": Key(Count(2, 10_000), "points each curve is computed at"),
    "points": Key(VECTOR, "where the moving point stops on each curve"),
    "stack_x": Key(BATCH, "the input to two stacked linear layers"),
    "stack_w1": Key(MATRIX, "the first linear layer's weights"),
    "stack_b1": Key(VECTOR, "the first linear layer's biases"),
    "stack_w2": Key(MATRIX, "the second linear layer's weights"),
    "stack_b2": Key(
        VECTOR,
        "the second linear layer's biases; the scene shows the two layers equal one with "
        "weights w2·w1 and bias w2·b1 + b2"
    ),
}
#: The built-in values: the [activations] table of `nnanim values`.
VALUES = """
[activations]
functions = ["relu", "sigmoid", "step", "tanh"]
x_min = -5.0
x_max = 5.0
samples = 201
# Where the moving point stops on each curve.
points = [-2.0, 0.0, 1.5]
# Why activations matter: two linear layers (no activation) applied to x ...
stack_x = [[1.0, 2.0]]
stack_w1 = [[1.0, -0.5], [0.5, 2.0]]
stack_b1 = [0.5, -1.0]
stack_w2 = [[2.0, 1.0]]
stack_b2 = [0.25]
# ... equal one linear layer with weights w2·w1 and bias w2·b1 + b2.
"""

#: How the lecture names each activation on a slide.
_NAMES = {"relu": "ReLU", "sigmoid": "Sigmoid", "step": "Binary step", "tanh": "tanh", "linear": "Linear"}

#: nnmath writes formulas in ASCII; on a slide the exponent is raised.
_PRETTY = (("e^(-x)", "e⁻ˣ"),)


def display_name(op: str) -> str:
    """The slide name of activation ``op`` (``"relu"`` -> ``"ReLU"``)."""
    return _NAMES.get(op, op)


def display_formula(note: str) -> str:
    """nnmath's formula text (a step's ``note``) as written on a slide."""
    for plain, pretty in _PRETTY:
        note = note.replace(plain, pretty)
    return note


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


def curve_beat_names(ops: Sequence[str]) -> list[str]:
    """One beat per curve, named by its function; a function the values name twice gets ``relu-2``."""
    seen: dict[str, int] = {}
    names = []
    for op in ops:
        seen[op] = seen.get(op, 0) + 1
        names.append(op if seen[op] == 1 else f"{op}-{seen[op]}")
    return names


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: each curve with its points, the curves side by side, then two linear
    layers, their product as one layer, and the same output."""
    sections = {s.heading: s.steps for s in e.sections}
    curves, points = sections["the curves"], sections["points on the curves"]
    two, one = sections["two linear layers ..."], sections["... are one linear layer"]

    def curve(stops: Step) -> str:
        shown = ", ".join(
            f"{stops.op}({format_number(x)}) = {format_number(y)}" for x, y in zip(stops.inputs["points"], stops.output)
        )
        return f"{display_name(stops.op)}, {display_formula(stops.note)}: {shown}"

    def layer(steps: Sequence[Step], name: str, x: str, w: str, b: str) -> str:
        add, activation = steps[2], steps[3]
        return f"{name}, no activation ({display_formula(activation.note)}): np.dot({x}, {w}) + {b} = {format_array(add.output)}"

    xs = curves[0].inputs["x"]
    weights, bias = one[0], one[2]
    return (
        *(BeatScript(name, curve(stops)) for name, stops in zip(curve_beat_names([c.op for c in curves]), points)),
        BeatScript(
            "side-by-side",
            f"Side by side on x from {format_number(xs[0])} to {format_number(xs[-1])}: {', '.join(display_name(c.op) for c in curves)}",
        ),
        BeatScript("layer-1", layer(two[:4], "Layer 1", "X", "w1ᵀ", "b1")),
        BeatScript("layer-2", layer(two[4:], "Layer 2", "f1", "w2ᵀ", "b2")),
        BeatScript(
            "combined",
            f"Multiplied out, the two layers are one: W = np.dot(w2, w1) = {format_array(weights.output)}, "
            f"b = np.dot(w2, b1) + b2 = {format_array(bias.output)}",
        ),
        BeatScript(
            "same-output",
            f"One layer with W and b gives {format_array(one[-1].output)}, the two layers' "
            f"{format_array(two[-1].output)}: without activations, stacking layers adds nothing",
        ),
    )


SPEC = SceneSpec(
    "activations",
    "Activation functions",
    "ReLU, sigmoid, step, tanh; stacked linear layers stay linear",
    compute,
    "scenes.activations:Activations",
    SCHEMA,
    script,
    values=VALUES,
    place=80,
)
