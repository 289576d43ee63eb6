"""derivatives: derivatives: a secant becomes the tangent; the chain rule on one neuron."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.lecture1.common import CURVE_SAMPLES
from course.spec import SceneSpec
from nnmath.calculus import FUNCTIONS, function_curve_trace, neuron_chain_rule_trace, secant_trace
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.values import NUMBER, VECTOR, Choice

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {
    "function": Choice(tuple(FUNCTIONS)),
    "x": NUMBER,
    "hs": VECTOR,
    "chain_activation": Choice(tuple(FUNCTIONS)),
    "chain_x": NUMBER,
    "chain_w": NUMBER,
    "chain_b": NUMBER,
}


def compute(v: Mapping[str, object]) -> Explanation:
    secant = secant_trace(v["function"], v["x"], v["hs"])
    reach = max(1.0, 1.25 * float(np.max(np.abs(v["hs"]))))
    grid = np.linspace(float(v["x"]) - reach, float(v["x"]) + reach, CURVE_SAMPLES)
    curve = function_curve_trace(v["function"], grid)
    chain = neuron_chain_rule_trace(v["chain_x"], v["chain_w"], v["chain_b"], v["chain_activation"])
    partials = chain[-1].output
    return Explanation(
        "derivatives",
        "Derivatives and the chain rule",
        (Section("the secant becomes the tangent", (curve, secant)), Section("the chain rule on a neuron", tuple(chain))),
        {
            "slope": Quantity(secant.output, secant.label),
            "dy/dw": Quantity(partials[0], "g'(z)·x"),
            "dy/dx": Quantity(partials[1], "g'(z)·w"),
            "dy/db": Quantity(partials[2], "g'(z)·1"),
        },
    )


SPEC = SceneSpec(
    "derivatives",
    "Derivatives and the chain rule",
    "a secant becomes the tangent; the chain rule on relu(w·x + b)",
    compute,
    "scenes.derivatives:Derivatives",
    SCHEMA,
)
