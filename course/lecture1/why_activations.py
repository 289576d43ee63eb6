"""why-activations: why activations: a ReLU network built pair by pair to draw a sine wave, against the best straight line."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import SceneSpec
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.sine_fit import sine_fit, target
from nnmath.trace import Step
from nnmath.values import NUMBER, Count

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"pairs": Count(1, 64), "x_min": NUMBER, "x_max": NUMBER, "samples": Count(2, 10_000)}


def compute(v: Mapping[str, object]) -> Explanation:
    fit = sine_fit(v["pairs"], v["x_min"], v["x_max"])
    grid = np.linspace(float(v["x_min"]), float(v["x_max"]), v["samples"])
    construction = Step(
        op="sine_fit",
        label="the constructed weights",
        inputs={"x_min": fit.knots[0], "x_max": fit.knots[-1]},
        output=np.array(fit.max_error),
        intermediates={
            "knots": fit.knots,
            "knot_values": fit.knot_values,
            "w1": fit.w1,
            "b1": fit.b1,
            "w2": fit.w2,
            "b2": fit.b2,
            "w3": fit.w3,
            "b3": fit.b3,
            "slopes": fit.slopes,
        },
        note="pair i acts on [tᵢ, tᵢ₊₁]; output = the maximum error against sin(2πx)",
    )
    contributions = tuple(
        Step(
            op="pair_contribution",
            label=f"pair {i + 1}",
            inputs={"x": grid, "area_of_effect": fit.areas_of_effect[i]},
            output=fit.pair_contribution(grid, i),
            note=f"what neuron pair {i + 1} adds to the output",
        )
        for i in range(fit.pairs)
    )
    partial_fits = tuple(
        Step(
            op="partial_fit",
            label=f"first {k} pairs",
            inputs={"x": grid},
            output=fit.predict(grid, active_pairs=k),
            note=f"the network's output with pairs 1 to {k} switched on",
        )
        for k in range(1, fit.pairs + 1)
    )
    with_relu = fit.forward(grid)
    without = fit.forward(grid, relu=False)
    sine = Step(op="target", label="sin(2πx)", inputs={"x": grid}, output=target(grid), note="the curve to draw")
    best_line = Step(
        op="best_line",
        label="the best straight line",
        inputs={"x": grid},
        output=fit.best_line(grid),
        note="least squares against sin(2πx): the most any network without activations could draw",
    )
    return Explanation(
        "why-activations",
        "Why activation functions",
        (
            Section("the target", (sine,)),
            Section("the weights", (construction,)),
            Section("pair by pair", contributions),
            Section("the fit growing pair by pair", partial_fits),
            Section("the fit", (with_relu[-1],)),
            Section("the best straight line", (best_line,)),
            Section("without ReLU: a straight line", (without[-1],)),
        ),
        {
            "max error": Quantity(fit.max_error, f"max |network(x) − sin(2πx)| with {fit.pairs} pairs"),
            "no-ReLU max error": Quantity(fit.no_relu_max_error, "max |network without ReLU(x) − sin(2πx)|: the line it draws"),
            "best line max error": Quantity(fit.linear_max_error, "the best straight line's maximum error"),
        },
        objects={"fit": fit},
    )


SPEC = SceneSpec(
    "why-activations",
    "Why activation functions",
    "a 1 → 8 → 8 → 1 ReLU network drawing a sine wave",
    compute,
    "scenes.why_activations:WhyActivations",
    SCHEMA,
)
