"""backprop-layer: a batch backwards through a dense layer (the book's chapter 9 example).

The layer is ``X·W + b`` with the book's weights, (inputs, neurons). Given dvalues, the gradient
of the loss with respect to the layer's output (one row per sample, one column per neuron):

* dweights = Xᵀ·dvalues — a matrix product again, shaped like W;
* dbiases = the column sums of dvalues — shaped like b;
* dinputs = dvalues·Wᵀ — shaped like X, the gradient handed to the layer before.
"""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import BeatScript, Key, SceneSpec
from nnmath.backward import dense_backward_trace
from nnmath.display import format_array, format_shape_x
from nnmath.layers import dense_trace
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.values import MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "script", "SPEC"]

SCHEMA = {
    "inputs": Key(MATRIX, "the batch X, one row per sample"),
    "weights": Key(MATRIX, "the layer's weights in the book's (inputs, neurons) layout"),
    "biases": Key(VECTOR, "one bias per neuron, shape (neurons,)"),
    "dvalues": Key(MATRIX, "the gradient arriving from the next layer, one row per sample, one column per neuron"),
}
#: The built-in values: the [backprop-layer] table of `nnanim values --lecture 2`.
VALUES = """
# The book's layer (chapter 9): a batch of 3 samples, 4 inputs, 3 neurons; weights in the book's
# (inputs, neurons) layout; dvalues, the gradient arriving from the next layer.
[backprop-layer]
inputs = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]
weights = [[0.2, 0.5, -0.26], [0.8, -0.91, -0.27], [-0.5, 0.26, 0.17], [1.0, -0.5, 0.87]]
biases = [2.0, 3.0, 0.5]
dvalues = [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0], [3.0, 3.0, 3.0]]
"""


def compute(v: Mapping[str, object]) -> Explanation:
    forward = dense_trace(v["inputs"], v["weights"], v["biases"], weights_layout="inputs_neurons")
    backward = dense_backward_trace(v["dvalues"], v["inputs"], v["weights"], "inputs_neurons")
    dweights, dbiases, dinputs = (backward.find(op) for op in ("dweights", "dbiases", "dinputs"))
    turned_x, turned_w = (s for s in backward if s.op == "transpose")
    return Explanation(
        "backprop-layer",
        "A layer backwards",
        (
            Section("forward", tuple(forward)),
            Section("dweights = Xᵀ·dvalues", (turned_x, dweights)),
            Section("dbiases = column sums", (dbiases,)),
            Section("dinputs = dvalues·Wᵀ", (turned_w, dinputs)),
        ),
        {
            "X": Quantity(forward[0].inputs["X"], "the batch"),
            "W": Quantity(forward[0].inputs["W"], "weights (inputs × neurons)"),
            "b": Quantity(forward[-1].inputs["b"], "one bias per neuron"),
            "output": Quantity(forward.output, "X·W + b"),
            "dvalues": Quantity(dbiases.inputs["dvalues"], "∂L/∂output"),
            "Xᵀ": Quantity(turned_x.output, "X transposed"),
            "Wᵀ": Quantity(turned_w.output, "W transposed"),
            "dweights": Quantity(dweights.output, "Xᵀ·dvalues"),
            "dbiases": Quantity(dbiases.output, "Σ dvalues over the batch"),
            "dinputs": Quantity(dinputs.output, "dvalues·Wᵀ"),
        },
    )


def script(e: Explanation) -> tuple[BeatScript, ...]:
    q = {name: quantity.value for name, quantity in e.quantities.items()}
    s = {name: format_shape_x(q[name].shape) for name in ("X", "W", "b", "output", "dvalues", "Xᵀ", "Wᵀ", "dweights", "dinputs")}
    samples, inputs = q["X"].shape
    neurons = q["W"].shape[1]
    return (
        BeatScript(
            "shapes",
            f"A batch of {samples} samples with {inputs} inputs into {neurons} neurons: X is {s['X']}, W is {s['W']}; "
            f"dvalues, the gradient of the {s['output']} output, is {s['dvalues']}",
        ),
        BeatScript(
            "dweights",
            f"dweights = Xᵀ·dvalues, ({s['Xᵀ']})·({s['dvalues']}) → {s['dweights']}, the shape of W: "
            "a matrix product again — this is backprop",
        ),
        BeatScript("dbiases", f"dbiases = the column sums of dvalues = {format_array(q['dbiases'])}, one per neuron like b"),
        BeatScript(
            "dinputs",
            f"dinputs = dvalues·Wᵀ, ({s['dvalues']})·({s['Wᵀ']}) → {s['dinputs']}, the shape of X: "
            "the gradient handed to the layer before",
        ),
    )


SPEC = SceneSpec(
    "backprop-layer",
    "A layer backwards",
    "dweights = Xᵀ·dvalues, dbiases = column sums, dinputs = dvalues·Wᵀ, each shaped like what it is the gradient of",
    compute,
    "scenes.backprop_layer:BackpropLayer",
    SCHEMA,
    script,
    values=VALUES,
    place=20,
)
