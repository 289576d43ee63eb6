"""why-activations: why activations: a ReLU network built pair by pair to draw a sine wave, against the best straight line."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_number
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.sine_fit import sine_fit, target
from nnmath.trace import Step
from nnmath.values import NUMBER, Count

__all__ = ["SCHEMA", "compute", "script", "DETAILED_PAIRS", "ERROR_DIGITS", "SPEC"]

SCHEMA = {
    "pairs": Key(
        Count(1, 64),
        "neuron pairs per hidden layer: the network is 1 → pairs → pairs → 1, each pair "
        "drawing one piece of sin(2πx)"
    ),
    "x_min": Key(NUMBER, "where the fitted range starts"),
    "x_max": Key(NUMBER, "where it ends"),
    "samples": Key(Count(2, 10_000), "points the curves are computed at"),
}
#: The built-in values: the [why-activations] table of `nnanim values`.
VALUES = """
[why-activations]
# The nnfs.io/mvp video: a 1 -> pairs -> pairs -> 1 ReLU network drawing sin(2πx).
pairs = 8
x_min = 0.0
x_max = 1.0
samples = 201
"""

# Beyond the first two pairs the rest play quickly, in one beat, or two when there are many.
DETAILED_PAIRS = 2
_MAX_FAST_PER_BEAT = 3
#: Decimals of the maximum errors, in the captions and on screen.
ERROR_DIGITS = 3


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


def _fast_groups(pairs: int) -> list[list[int]]:
    """The pairs after the detailed ones, by index, in the beats that play them quickly."""
    rest = list(range(min(DETAILED_PAIRS, pairs), pairs))
    half = (len(rest) + 1) // 2
    groups = [rest] if len(rest) <= _MAX_FAST_PER_BEAT else [rest[:half], rest[half:]]
    return [group for group in groups if group]


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: the target, the network, the first pairs one by one, the others in one or
    two beats (``pair-3`` or ``pairs-3-5``), the fit, the line without ReLU and the closing."""
    sections = {s.heading: s.steps for s in e.sections}
    weights, pair_steps = sections["the weights"][0], sections["pair by pair"]
    n = format_number

    def area(i: int) -> tuple[float, float]:
        start, end = pair_steps[i].inputs["area_of_effect"]
        return float(start), float(end)

    def pair(i: int) -> str:
        start, end = area(i)
        if i == 0:
            return f"Pair 1 acts on [{n(start)}, {n(end)}], its area of effect: it adds a ramp there and stays flat to the right."
        return f"Pair {i + 1} acts on [{n(start)}, {n(end)}]: the fit now bends at {n(start)}."

    def group(g: list[int]) -> BeatScript:
        name = f"pair-{g[0] + 1}" if len(g) == 1 else f"pairs-{g[0] + 1}-{g[-1] + 1}"
        joint = " and " if len(g) == 2 else " to "
        who = f"Pair {g[0] + 1}" if len(g) == 1 else f"Pairs {g[0] + 1}{joint}{g[-1] + 1}"
        verb = "does the same on its own segment" if len(g) == 1 else "do the same on their own segments"
        return BeatScript(name, f"{who} {verb}, up to x = {n(area(g[-1])[1])}.")

    (hidden1, inputs), (hidden2, _), (outputs, _) = (weights.intermediates[w].shape for w in ("w1", "w2", "w3"))
    pairs = len(pair_steps)
    q = e.quantities
    return (
        BeatScript(
            "target",
            f"The target: the network must draw sin(2πx) for x from {n(weights.inputs['x_min'])} to {n(weights.inputs['x_max'])}.",
        ),
        BeatScript(
            "network",
            f"A {inputs} → {hidden1} → {hidden2} → {outputs} ReLU network whose weights are constructed, "
            "not trained: each neuron pair owns one segment.",
        ),
        *(BeatScript(f"pair-{i + 1}", pair(i)) for i in range(min(DETAILED_PAIRS, pairs))),
        *(group(g) for g in _fast_groups(pairs)),
        BeatScript(
            "fit",
            f"The full network, {pairs} pair{'s' if pairs > 1 else ''}: its maximum error against sin(2πx) is "
            f"{q['max error'].text(ERROR_DIGITS)}.",
        ),
        BeatScript(
            "no-relu",
            f"Without ReLU the same weights draw a straight line, maximum error {q['no-ReLU max error'].text(ERROR_DIGITS)}; "
            f"the best any straight line can do is {q['best line max error'].text(ERROR_DIGITS)}.",
        ),
        BeatScript(
            "closing",
            "Put the ReLUs back and the same weights bend again: activation functions are what let a network draw curves.",
        ),
    )


SPEC = SceneSpec(
    "why-activations",
    "Why activation functions",
    "a 1 → 8 → 8 → 1 ReLU network drawing a sine wave",
    compute,
    "scenes.why_activations:WhyActivations",
    SCHEMA,
    script,
    values=VALUES,
    place=90,
)
