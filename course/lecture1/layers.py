"""layers: a batch of samples through two dense layers, shapes first."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.products import product_script
from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import cell_line, format_array, format_shape_x
from nnmath.layers import dense_trace
from nnmath.lecture import ErratumRow, Explanation, Quantity, Section, shape_text
from nnmath.trace import Cell, ProductStep, Step
from nnmath.values import BATCH, MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "script", "notes_errata", "DIGITS", "DETAILED", "SPEC"]

SCHEMA = {
    "X": Key(BATCH, "the batch: one row per sample, one column per feature"),
    "w1": Key(MATRIX, "layer 1's weights, one row per neuron, as long as a sample"),
    "b1": Key(VECTOR, "layer 1's biases, one per neuron"),
    "w2": Key(MATRIX, "layer 2's weights, one row per neuron, as long as layer 1 has neurons"),
    "b2": Key(VECTOR, "layer 2's biases, one per neuron"),
}
#: The built-in values: the [layers] table of `nnanim values`.
VALUES = """
[layers]
# "Adding more layers": a batch of 3 samples with 4 features (the notes wrote 2×4).
X = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
# The book's weights: one row per neuron, shape (neurons, inputs).
w1 = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
b1 = [2.0, 3.0, 0.5]
w2 = [[0.1, -0.14, 0.5], [-0.5, 0.12, -0.33], [-0.44, 0.73, -0.13]]
b2 = [-1.0, 2.0, -0.5]
"""

#: Decimals shown in the matrices and captions (layer 2 computes four).
DIGITS = 3
#: The entries of each layer's product worked term by term, a beat each (the rest fill in one beat).
DETAILED = {1: 2, 2: 1}


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


def notes_errata(e: Explanation) -> dict[str, ErratumRow]:
    """The notes' values worth pointing out, by quantity: only with the lecture's own values, and
    only where they differ from what nnmath computes."""
    return {row.erratum.quantity: row for row in e.errata if row.applies and row.differs}


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: the network, the shapes of X and of the weights, then each layer —
    its transpose, its product entry by entry, its bias — and the output's shape."""
    w1t, p1, f1 = (e.step(s) for s in ("w1ᵀ", "np.dot(X, w1ᵀ)", "np.dot(X, w1ᵀ) + b1"))
    w2t, p2, out = (e.step(s) for s in ("w2ᵀ", "np.dot(f1, w2ᵀ)", "np.dot(f1, w2ᵀ) + b2"))
    errata = notes_errata(e)

    def notes_said(quantity: str) -> str:
        row = errata.get(quantity)
        return f" (the notes wrote {row.erratum.notes})" if row else ""

    def views(product: ProductStep) -> tuple[str, str, str]:
        left, right = (format_shape_x(product.intermediates[k].shape) for k in ("left_view", "right_view"))
        return left, right, format_shape_x(product.output.shape)

    def transpose(step: Step, name: str, *, layer: int = 1) -> str:
        before, after = format_shape_x(step.shapes[next(iter(step.inputs))]), format_shape_x(step.shapes["output"])
        start = f"Layer {layer}: " if layer > 1 else ""
        return f"{start}{name}ᵀ: each neuron's row of {name} becomes a column ({before} → {after})"

    def product(layer: int, step: ProductStep) -> tuple[BeatScript, ...]:
        def entry(cell: Cell) -> str:
            row = f"sample {cell.row + 1}" if layer == 1 else f"row {cell.row + 1} of f₁"
            return (
                f"Entry [{cell.row + 1}, {cell.column + 1}]: {row} · neuron {cell.column + 1}'s weights"
                f" = {cell_line(cell, step, digits=DIGITS).sum_line()}"
            )

        return product_script(step, detailed=DETAILED[layer], prefix=f"layer-{layer}", digits=DIGITS, caption=entry)

    def bias(step: Step, key: str, name: str, result: str) -> str:
        first_row = np.atleast_2d(step.output)[0]
        return (
            f"{name} = {format_array(step.inputs[key], DIGITS)} is added to every sample's row:"
            f" {result}, row 1 = {format_array(first_row, DIGITS)}"
        )

    shape_x = e.quantities["shape X"]
    left1, right1, result1 = views(p1)
    left2, right2, result2 = views(p2)
    b1, b2 = e.quantities["shape b1"].value, e.quantities["shape b2"].value
    return (
        BeatScript(
            "network",
            "A batch X goes through two dense layers: f₁ = np.dot(X, w₁ᵀ) + b₁, then output = np.dot(f₁, w₂ᵀ) + b₂",
        ),
        BeatScript("batch", f"X is {shape_x.value}: {shape_x.how}{notes_said('shape X')}"),
        BeatScript(
            "weight-shapes",
            f"What shape will the weights be? X {left1} · w₁ᵀ {right1} → {result1}, so w₁ is {format_shape_x(w1t.shapes['w1'])}:"
            f" one row per neuron; b₁ is {b1}{notes_said('shape b1')}",
        ),
        BeatScript(
            "layer-2-shapes",
            f"Layer 2: f₁ {left2} · w₂ᵀ {right2} → {result2}, so w₂ is {format_shape_x(w2t.shapes['w2'])} and b₂ is {b2}",
        ),
        BeatScript("w1-transpose", transpose(w1t, "w₁")),
        *product(1, p1),
        BeatScript("bias-1", bias(f1, "b1", "b₁", "f₁")),
        BeatScript("layer-2", transpose(w2t, "w₂", layer=2)),
        *product(2, p2),
        BeatScript("bias-2", bias(out, "b2", "b₂", "the output")),
        BeatScript(
            "output",
            f"output = np.dot(f₁, w₂ᵀ) + b₂ is {format_shape_x(out.output.shape)}: one row per sample, one column per neuron of layer 2",
        ),
    )


SPEC = SceneSpec(
    "layers",
    "Adding more layers",
    "a batch through two dense layers, shapes first",
    compute,
    "scenes.layers:Layers",
    SCHEMA,
    script,
    values=VALUES,
    place=70,
)
