"""softmax: softmax: exponentiate, sum, normalise, and why subtracting max(z) changes nothing but the overflow."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import SceneSpec
from nnmath.activations import exp_overflow_trace, softmax_trace
from nnmath.errors import InputError
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.limits import per_class
from nnmath.linalg import add_trace
from nnmath.values import BATCH, NUMBER

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"z": BATCH, "overflow_shift": NUMBER}
#: One bar per score.
LIMITS = per_class({"z": "score"})


def compute(v: Mapping[str, object]) -> Explanation:
    stable = softmax_trace(v["z"])
    sections = [Section("exponentiate, sum, normalise", (stable,))]
    try:
        raw = softmax_trace(v["z"], subtract_max=False)
        sections.append(Section("without subtracting max(z): the same result", (raw,)))
    except InputError:
        pass  # e^z overflows: only the stable version can be shown
    shifted = add_trace(v["z"], v["overflow_shift"], x_name="z", y_name="shift", label="z + shift")
    overflow = exp_overflow_trace(shifted.output, z_name="z + shift", parents=(shifted,))
    big = softmax_trace(shifted.output, z_name="z + shift", parents=(shifted,))
    sections.append(Section("why subtract max(z): e^z overflows", (shifted, overflow, big)))
    quantities = {"output": Quantity(stable.output, "e^{zᵢ − max z} / Σⱼ e^{zⱼ − max z}")}
    quantities["sum"] = Quantity(np.sum(stable.output, axis=-1), "Σ σ(z)ᵢ")
    quantities["exp limit"] = Quantity(overflow.intermediates["limit"], "ln(largest float64): e^x overflows above it")
    quantities["output of z + shift"] = Quantity(big.output, "the same probabilities: softmax ignores a shift")
    return Explanation("softmax", "Softmax", tuple(sections), quantities)


SPEC = SceneSpec(
    "softmax",
    "Softmax",
    "exponentiate, sum, normalise; subtracting max(z) changes nothing",
    compute,
    "scenes.softmax:Softmax",
    SCHEMA,
    limits=LIMITS,
)
