"""backprop-neuron: the book's single neuron (chapter 9) as a graph, forward and then backward.

y = relu(x₁w₁ + x₂w₂ + x₃w₃ + b). Forward, each edge carries a value; backward, each edge carries
∂y/∂(that value), made by the chain rule one node at a time: ReLU's slope (1 where z > 0), the
sum's (1 for every input), a product's (the other factor). So dx = w, dw = x, db = 1, times the
gradient arriving from above. One step of SGD, w ← w − lr·dw, then lowers the output.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import BeatScript, Key, SceneSpec
from nnmath.activations import activation_trace
from nnmath.backward import dense_backward_trace, relu_backward_trace
from nnmath.display import format_array, format_number
from nnmath.errors import InputError
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.linalg import add_trace, dot_trace
from nnmath.optimizers import SGD
from nnmath.trace import Step
from nnmath.values import NUMBER, VECTOR

__all__ = ["SCHEMA", "compute", "script", "SPEC", "MAX_INPUTS"]

SCHEMA = {
    "x": Key(VECTOR, "the neuron's inputs (the book's [1, −2, 3])"),
    "w": Key(VECTOR, "one weight per input (same length as `x`)"),
    "b": Key(NUMBER, "the bias added to x·w"),
    "upstream": Key(NUMBER, "the gradient arriving from above the ReLU (1 in the book)"),
    "learning_rate": Key(NUMBER, "the step size of the one update, w ← w − lr·dw"),
}
#: The built-in values: the [backprop-neuron] table of `nnanim values --lecture 2`.
VALUES = """
# The book's single neuron (chapter 9): y = relu(x·w + b), the gradient 1 arriving from above,
# and one step of 0.001 against the gradient.
[backprop-neuron]
x = [1.0, -2.0, 3.0]
w = [-3.0, -1.0, 2.0]
b = 1.0
upstream = 1.0
learning_rate = 0.001
"""

#: The graph has a row of input, weight and product per input: more than this do not fit a slide.
MAX_INPUTS = 5


def _forward(x: np.ndarray, w: np.ndarray, b: float, name: str = "") -> tuple[Step, Step, Step]:
    """x·w term by term, + b, relu: the three nodes of the graph."""
    products = dot_trace(x, w, a_name="x", b_name=f"w{name}")
    z = add_trace(products.output, b, x_name="Σ xᵢwᵢ", y_name=f"b{name}", parents=(products,), note="the sum node: the products and the bias")
    y = activation_trace("relu", z.output, x_name=f"z{name}", parents=(z,))
    return products, z, y


def compute(v: Mapping[str, object]) -> Explanation:
    x, w = np.asarray(v["x"], dtype=float), np.asarray(v["w"], dtype=float)
    b, upstream, lr = float(v["b"]), float(v["upstream"]), float(v["learning_rate"])
    if len(x) > MAX_INPUTS:
        raise InputError(f"x has {len(x)} inputs; the graph draws a row per input and has room for at most {MAX_INPUTS}")
    products, z, y = _forward(x, w, b)

    # Backward, node by node: ReLU, then the sum (slope 1 to each input), then each product.
    dz = relu_backward_trace(upstream, z.output, parents=(y,))
    backward = dense_backward_trace(
        np.atleast_1d(dz.output), x, w[None], dvalues_name="dz", inputs_name="x", weights_name="w", parents=(dz,)
    )
    dx, dw, db = backward.find("dinputs").output, backward.find("dweights").output[0], backward.find("dbiases").output[0]

    update = SGD(learning_rate=lr).update_trace([w.copy(), np.array([b])], [dw, np.array([db])], names=["w", "b"])
    w_new, b_new = update[0].output, float(update[1].output[0])
    products_new, z_new, y_new = _forward(x, w_new, b_new, name="′")

    return Explanation(
        "backprop-neuron",
        "Backpropagation through one neuron",
        (
            Section("forward", (products, z, y)),
            Section("backward", (dz, *backward)),
            Section("one step of gradient descent", tuple(update)),
            Section("forward again", (products_new, z_new, y_new)),
        ),
        {
            "products": Quantity(products.intermediates["products"].ravel(), "xᵢ·wᵢ"),
            "z": Quantity(float(z.output), "Σ xᵢwᵢ + b"),
            "y": Quantity(float(y.output), "relu(z)"),
            "upstream": Quantity(upstream, "∂L/∂y, the gradient arriving from above"),
            "dz": Quantity(float(dz.output), "∂L/∂y · relu′(z)"),
            # the sum node's slope is 1 for each of its inputs: each product and b receive dz
            "dproducts": Quantity(np.full(len(x), float(dz.output)), "dz · 1"),
            "dx": Quantity(dx, "dz · w"),
            "dw": Quantity(dw, "dz · x"),
            "db": Quantity(db, "dz · 1"),
            "learning_rate": Quantity(lr, "the step size"),
            "w_new": Quantity(w_new, "w − lr·dw"),
            "b_new": Quantity(b_new, "b − lr·db"),
            "products_new": Quantity(products_new.intermediates["products"].ravel(), "xᵢ·wᵢ′"),
            "z_new": Quantity(float(z_new.output), "Σ xᵢwᵢ′ + b′"),
            "y_new": Quantity(float(y_new.output), "relu(z′)"),
        },
    )


def script(e: Explanation) -> tuple[BeatScript, ...]:
    q = {name: quantity.value for name, quantity in e.quantities.items()}
    n, a = format_number, format_array
    passes = "passes it on" if q["dz"] != 0 or q["upstream"] == 0 else "stops it"
    return (
        BeatScript("graph", "One neuron as a graph: each input times its weight, a sum with the bias, then ReLU"),
        BeatScript(
            "forward",
            f"Forward: the products {a(q['products'])}, their sum plus b is z = {n(q['z'])}, and y = relu(z) = {n(q['y'])}",
        ),
        BeatScript(
            "relu",
            f"Backward from ∂L/∂y = {n(q['upstream'])}: ReLU's slope at z = {n(q['z'])} is "
            f"{'1' if q['z'] > 0 else '0'}, so it {passes}: dz = {n(q['dz'])}",
        ),
        BeatScript("sum", f"A sum's slope is 1 for every input: each product and the bias receive dz = {n(q['dz'])}, so db = {n(q['db'])}"),
        BeatScript(
            "products",
            f"A product's slope is the other factor: dx = dz·w = {a(q['dx'])} and dw = dz·x = {a(q['dw'])}",
        ),
        BeatScript(
            "step",
            f"One step against the gradient, w ← w − {n(q['learning_rate'])}·dw and b ← b − {n(q['learning_rate'])}·db: "
            f"w = {a(q['w_new'])}, b = {n(q['b_new'])}",
        ),
        BeatScript("again", f"Forward again: the output goes from {n(q['y'])} to {n(q['y_new'])}"),
    )


SPEC = SceneSpec(
    "backprop-neuron",
    "Backpropagation through one neuron",
    "the book's neuron as a graph: gradients flow back, dx = w, dw = x, db = 1; one step lowers the output",
    compute,
    "scenes.backprop_neuron:BackpropNeuron",
    SCHEMA,
    script,
    values=VALUES,
    place=10,
)
