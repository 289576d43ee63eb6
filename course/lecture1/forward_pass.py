"""forward-pass: the flower example's full forward pass, Linear → ReLU → Linear → Softmax, with and without layer norm."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.lecture1.common import class_names
from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_array, format_number, subscripted
from nnmath.layers import Layer, forward_trace
from nnmath.lecture import Explanation, Quantity, Section, shape_text
from nnmath.limits import per_class
from nnmath.regions import DEFAULT_RESOLUTION, ClassRegions, class_regions
from nnmath.trace import Step
from nnmath.values import BATCH, CLASSES, MATRIX, VECTOR

__all__ = [
    "SCHEMA",
    "DIGITS",
    "MAX_PANELS",
    "compute",
    "network",
    "regions",
    "Pass",
    "sample_name",
    "sample_row",
    "sample_entry",
    "numbers_text",
    "doubled",
    "script",
    "SPEC",
]

SCHEMA = {
    "classes": Key(CLASSES, "the class names, one per output neuron"),
    "features": Key(BATCH, "the flowers: one row (length, width) per sample"),
    "w1": Key(MATRIX, "the hidden layer's weights, one row per neuron, as long as a sample"),
    "b1": Key(VECTOR, "the hidden layer's biases"),
    "w2": Key(MATRIX, "the output layer's weights, one row per class"),
    "b2": Key(VECTOR, "the output layer's biases, one per class"),
}
#: The built-in values: the [forward-pass] table of `nnanim values`.
VALUES = """
[forward-pass]
# The flower example: (length, width) -> Linear -> ReLU -> Linear -> Softmax.
classes = ["rose", "daisy", "tulip"]
features = [[10.0, 5.0], [20.0, 10.0]]
# Chosen by `scripts/flower_weights.py --seed 2 --tries 2000000` (one-decimal weights, checkable
# by hand): f1 gives about [0.2, 0.6, 0.2], the notes' sketch (daisy, so the rose sample's loss is
# about -ln 0.2); ReLU zeroes the first hidden neuron for f1 and f2; f2 = 2·f1 gives a sharper
# softmax on the same class; rose, daisy and tulip each win part of the (length, width) plane.
w1 = [[-0.6, 0.9], [-0.2, 0.8], [0.3, 0.0]]
b1 = [0.4, -0.7, -0.7]
w2 = [[0.7, -0.7, -0.3], [0.4, 1.0, -0.2], [0.7, 0.8, -0.8]]
b2 = [1.0, -0.4, 0.2]
"""

#: One table column per class.
LIMITS = per_class({"classes": "class"})
#: Decimals of every number the scene shows (pills, lines, bars and captions alike).
DIGITS = 2
#: At most this many samples are compared side by side.
MAX_PANELS = 3


def network(v: Mapping[str, object], *, layer_norm: bool = False) -> list[Layer]:
    """The scene's network from its values: Linear → ReLU → Linear → Softmax (with ``layer_norm``,
    a layer norm after the ReLU)."""
    return [Layer(v["w1"], v["b1"], layer_norm=layer_norm), Layer(v["w2"], v["b2"], activation="softmax")]


def regions(v: Mapping[str, object], *, resolution: int = DEFAULT_RESOLUTION) -> ClassRegions:
    """The flower network's predicted class over the (length, width) plane, f1, f2, ... marked,
    from the ``[forward-pass]`` table (``features``, ``w1``, ``b1``, ``w2``, ``b2``)."""
    return class_regions(v["features"], network(v), resolution=resolution)


def compute(v: Mapping[str, object]) -> Explanation:
    plain = forward_trace(v["features"], network(v))
    normed = forward_trace(v["features"], network(v, layer_norm=True))
    classes = class_names(v, "forward-pass", plain.output.shape[-1])
    probabilities = np.atleast_2d(plain.output)
    predicted = np.atleast_1d(plain.predicted)
    quantities = {}
    for i, (row, k) in enumerate(zip(probabilities, predicted), start=1):
        quantities[f"probabilities f{i}"] = Quantity(row, "softmax of the last layer")
        quantities[f"predicted f{i}"] = Quantity(classes[k], f"the largest probability, {format_number(row[k])}")
    for i, (row, k) in enumerate(zip(np.atleast_2d(normed.output), np.atleast_1d(normed.predicted)), start=1):
        quantities[f"probabilities f{i} with layer norm"] = Quantity(row, "Linear → ReLU → Layer-Norm → Linear → Softmax")
        quantities[f"predicted f{i} with layer norm"] = Quantity(classes[k], f"the largest probability, {format_number(row[k])}")
    return Explanation(
        "forward-pass",
        "A full forward pass",
        (Section("Linear → ReLU → Linear → Softmax", tuple(plain.trace)), Section("with layer norm", tuple(normed.trace))),
        quantities,
        objects={"classes": classes},
    )


class Pass:
    """The steps of one section (one forward pass), by what they compute.

    Attributes
    ----------
    w1t, w2t : the transposes (their inputs hold w1 (neurons, inputs) and w2)
    dot1, dot2 : the products np.dot(X, w1ᵀ), np.dot(f1, w2ᵀ), (batch, neurons)
    z1, z2 : the bias additions, (batch, neurons)
    relu : relu(z1); norm : layer_norm(a1) or ``None``; softmax : softmax(z2)
    """

    def __init__(self, section: Section) -> None:
        steps = list(section.steps)
        transposes = [s for s in steps if s.op == "transpose"]
        products = [s for s in steps if s.op in ("matrix_matrix", "vector_matrix", "dot")]
        adds = [s for s in steps if s.op == "add"]
        self.w1t, self.w2t = transposes
        self.dot1, self.dot2 = products
        self.z1, self.z2 = adds
        self.relu: Step = next(s for s in steps if s.op == "relu")
        self.norm: Step | None = next((s for s in steps if s.op == "layer_norm"), None)
        self.softmax: Step = next(s for s in steps if s.op == "softmax")

    @property
    def samples(self) -> int:
        return np.atleast_2d(self.dot1.inputs["X"]).shape[0]


def sample_name(index: int) -> str:
    """The notes' name of sample ``index`` (from 0): f₁, f₂, …"""
    return subscripted("f", index + 1)


def sample_row(array: np.ndarray, index: int) -> np.ndarray:
    """Sample ``index``'s row of a per-sample array; a single sample (1-D) is its own row."""
    return np.atleast_2d(array)[index]


def sample_entry(array: np.ndarray, index: int) -> float:
    """Sample ``index``'s entry of a per-sample reduction (shape (batch,) or a scalar)."""
    return float(np.atleast_1d(array)[index])


def numbers_text(values: np.ndarray) -> str:
    return format_array(np.asarray(values), DIGITS)


def doubled(plain: Pass) -> bool:
    """Whether the second sample is the first one scaled by 2, as in the lecture (wording only)."""
    x = np.atleast_2d(plain.dot1.inputs["X"])
    return x.shape[0] > 1 and bool(np.array_equal(x[1], 2 * x[0]))


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The network, each layer for f₁, the prediction; the other samples when there are several;
    then the same pass with layer norm."""
    plain, normed = Pass(e.sections[0]), Pass(e.sections[1])
    classes = tuple(e.objects["classes"])
    q = e.quantities
    samples = plain.samples
    predicted = [classes.index(q[f"predicted f{i + 1}"].value) for i in range(samples)]
    text, row = numbers_text, sample_row

    def n(value: float) -> str:
        return format_number(value, DIGITS)

    x, w1, b1 = plain.dot1.inputs["X"], plain.w1t.inputs["w1"], plain.z1.inputs["b1"]
    w2, b2 = plain.w2t.inputs["w2"], plain.z2.inputs["b2"]
    counted = f"{samples} samples" if samples > 1 else "1 sample"
    (m, k1), (_, j1) = plain.dot1.intermediates["left_view"].shape, plain.dot1.intermediates["right_view"].shape
    z, a = row(plain.relu.inputs["z1"], 0), row(plain.relu.output, 0)
    zeroed = [n(v) for v, d in zip(z, row(plain.relu.intermediates["derivative"], 0)) if d == 0]
    if not zeroed:
        relu = f"ReLU: max(0, z1) = {text(a)}; no entry is negative, so every neuron passes its value on"
    else:
        relu = f"ReLU: max(0, z1) = {text(a)}; {', '.join(zeroed)} {'becomes' if len(zeroed) == 1 else 'become'} 0"
    (m2, k2), (_, j2) = plain.dot2.intermediates["left_view"].shape, plain.dot2.intermediates["right_view"].shape
    first = q["probabilities f1"].value
    beats = [
        BeatScript(
            "network",
            f"X holds {counted} of {x.shape[-1]} features; w1 is {shape_text(w1)}, b1 {shape_text(b1)}; "
            f"w2 is {shape_text(w2)}, b2 {shape_text(b2)}",
        ),
        BeatScript(
            "layer-1",
            f"Layer 1: ({m}×{k1})·({k1}×{j1}) → {m}×{j1}; for {sample_name(0)} = {text(row(plain.dot1.inputs['X'], 0))}, "
            f"z1 = {text(row(plain.dot1.output, 0))} + b1 = {text(row(plain.z1.output, 0))}",
        ),
        BeatScript("relu", relu),
        BeatScript(
            "layer-2",
            f"Layer 2: ({m2}×{k2})·({k2}×{j2}) → {m2}×{j2}; "
            f"z2 = {text(row(plain.dot2.output, 0))} + b2 = {text(row(plain.z2.output, 0))}",
        ),
        BeatScript(
            "softmax",
            "Softmax turns z2 into probabilities that sum to 1: " + ", ".join(f"{c} {n(v)}" for c, v in zip(classes, first)),
        ),
        BeatScript(
            "predicted",
            f"The prediction for {sample_name(0)} is {q['predicted f1'].value}, the largest probability: {n(first[predicted[0]])}",
        ),
    ]
    if samples > 1:
        others = []
        for i in range(1, min(samples, MAX_PANELS)):
            k = predicted[i]
            others.append(
                f"{sample_name(i)} = {text(row(plain.dot1.inputs['X'], i))} gives {classes[k]} {n(q[f'probabilities f{i + 1}'].value[k])}"
            )
        ours = first[predicted[0]]
        sharper = doubled(plain) and q["probabilities f2"].value[predicted[1]] > ours
        tail = f" (twice {sample_name(0)}: larger logits, a sharper softmax)" if sharper else ""
        beats.append(BeatScript("samples", f"{'; '.join(others)}{tail}; {sample_name(0)} gave {n(ours)}"))
    norm = normed.norm
    mean, variance = sample_entry(norm.intermediates["mean"], 0), sample_entry(norm.intermediates["variance"], 0)
    with_norm = q["probabilities f1 with layer norm"].value
    before, after = q["predicted f1"].value, q["predicted f1 with layer norm"].value
    verdict = f"the prediction changes from {before} to {after}" if before != after else f"the prediction stays {before}"
    beats += [
        BeatScript(
            "layer-norm",
            f"With layer norm after the ReLU, {sample_name(0)}'s a1 = {text(row(norm.inputs['a1'], 0))} loses its mean "
            f"{n(mean)} and is divided by √(its variance {n(variance)} + ε): {text(row(norm.output, 0))}",
        ),
        BeatScript(
            "layer-norm-softmax",
            f"Then Linear → Softmax: with layer norm {sample_name(0)} gets "
            + ", ".join(f"{c} {n(v)}" for c, v in zip(classes, with_norm))
            + f" (without: {text(first)}); {verdict}",
        ),
    ]
    return tuple(beats)


SPEC = SceneSpec(
    "forward-pass",
    "A full forward pass",
    "the flower example: Linear → ReLU → Linear → Softmax",
    compute,
    "scenes.forward_pass:ForwardPass",
    SCHEMA,
    script,
    limits=LIMITS,
    values=VALUES,
    place=110,
)
