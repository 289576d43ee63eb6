"""softmax-cce-gradient: softmax and cross-entropy backwards, the long way and the shortcut.

The long way: the cross-entropy's gradient −y/ŷ (divided by the samples of the mean), then through
softmax, each sample's Jacobian diag(s) − s·sᵀ times its row. The shortcut: the two together have
the gradient (ŷ − y)/n — the same numbers without a Jacobian or a division by ŷ (the book's
chapter 9 example, with its printed results).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import BeatScript, Key, SceneSpec
from nnmath.backward import (
    categorical_cross_entropy_backward_trace,
    softmax_backward_trace,
    softmax_cross_entropy_backward_trace,
    softmax_jacobian_trace,
)
from nnmath.display import format_array, format_number
from nnmath.errors import InputError
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.limits import MAX_CLASSES
from nnmath.values import MATRIX, VECTOR, Count

__all__ = ["SCHEMA", "compute", "script", "SPEC"]

#: Rows of the batch the scene draws as matrices side by side.
MAX_SAMPLES = 6

SCHEMA = {
    "outputs": Key(MATRIX, "softmax outputs, one row of class probabilities per sample"),
    "targets": Key(VECTOR, "the true class of each sample, as a class index"),
    "sample": Key(Count(0, MAX_SAMPLES - 1), "which sample's Jacobian the scene works out"),
}
#: The built-in values: the [softmax-cce-gradient] table of `nnanim values --lecture 2`.
VALUES = """
# The book's softmax outputs and class targets (chapter 9); the Jacobian of sample 0, [0.7, 0.1, 0.2].
[softmax-cce-gradient]
outputs = [[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]]
targets = [0, 1, 1]
sample = 0
"""


def compute(v: Mapping[str, object]) -> Explanation:
    outputs = np.asarray(v["outputs"], dtype=float)
    samples, classes = outputs.shape
    if samples > MAX_SAMPLES or classes > MAX_CLASSES:
        raise InputError(
            f"outputs has shape {outputs.shape}: the scene draws at most {MAX_SAMPLES} samples of at most {MAX_CLASSES} classes"
        )
    sample = int(v["sample"])
    if sample >= samples:
        raise InputError(f"sample is {sample}, but outputs has {samples} samples (0..{samples - 1})")
    jacobian = softmax_jacobian_trace(outputs[sample])
    cce = categorical_cross_entropy_backward_trace(outputs, v["targets"])
    chain = softmax_backward_trace(cce.output, outputs, parents=(cce,))
    shortcut = softmax_cross_entropy_backward_trace(outputs, v["targets"])
    return Explanation(
        "softmax-cce-gradient",
        "Softmax and cross-entropy backwards",
        (
            Section("softmax's Jacobian at one sample", (jacobian,)),
            Section("the cross-entropy's gradient, then through softmax", (cce, chain)),
            Section("the shortcut (ŷ − y)/n", (shortcut,)),
        ),
        {
            "outputs": Quantity(outputs, "ŷ, the softmax outputs"),
            "one_hot": Quantity(cce.intermediates["one_hot"], "the targets as one-hot rows y"),
            "s": Quantity(outputs[sample], f"sample {sample}'s softmax output"),
            "jacobian": Quantity(jacobian.output, "diag(s) − s·sᵀ"),
            "samples": Quantity(samples, "n, the samples of the mean"),
            "dcce": Quantity(cce.output, "−y/ŷ / n"),
            "separate": Quantity(chain.output, "each sample's Jacobian · its row of −y/ŷ / n"),
            "difference": Quantity(shortcut.intermediates["difference"], "ŷ − y"),
            "combined": Quantity(shortcut.output, "(ŷ − y) / n"),
            "largest_gap": Quantity(float(np.max(np.abs(chain.output - shortcut.output))), "max |separate − combined|"),
        },
        objects={"sample": sample},
    )


def script(e: Explanation) -> tuple[BeatScript, ...]:
    q = {name: quantity.value for name, quantity in e.quantities.items()}
    n, a = format_number, format_array
    sample = e.objects["sample"]
    true = int(np.argmax(q["one_hot"][0]))
    return (
        BeatScript(
            "jacobian",
            f"softmax's Jacobian at sample {sample}, s = {a(q['s'])}: sᵢ(1 − sᵢ) on the diagonal, −sᵢsⱼ elsewhere",
        ),
        BeatScript(
            "cross-entropy",
            f"The cross-entropy's gradient −y/ŷ ÷ n is non-zero only at the true class: "
            f"−1/{n(q['outputs'][0][true])} ÷ {q['samples']} = {n(q['dcce'][0][true])} for the first sample",
        ),
        BeatScript("chain", f"Through softmax, each sample's Jacobian times its row: {a(q['separate'])}"),
        BeatScript(
            "shortcut",
            f"The shortcut (ŷ − y)/n gives the same numbers, {a(q['combined'])}, without a Jacobian or a division by ŷ",
        ),
    )


SPEC = SceneSpec(
    "softmax-cce-gradient",
    "Softmax and cross-entropy backwards",
    "softmax's Jacobian, −y/ŷ through it, and the shortcut (ŷ − y)/n giving the same numbers",
    compute,
    "scenes.softmax_cce_gradient:SoftmaxCceGradient",
    SCHEMA,
    script,
    values=VALUES,
    place=40,
)
