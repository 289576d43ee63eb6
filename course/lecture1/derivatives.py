"""derivatives: derivatives: a secant becomes the tangent; the chain rule on one neuron."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.lecture1.common import CURVE_SAMPLES
from course.spec import BeatScript, Key, SceneSpec
from nnmath.calculus import FUNCTIONS, function_curve_trace, neuron_chain_rule_trace, secant_trace
from nnmath.display import format_number
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.values import NUMBER, VECTOR, Choice

__all__ = ["SCHEMA", "compute", "script", "PARTIALS", "SPEC"]

SCHEMA = {
    "function": Key(Choice(tuple(FUNCTIONS)), "the f(x) whose secant becomes the tangent"),
    "x": Key(NUMBER, "where the slope is taken"),
    "hs": Key(VECTOR, "the shrinking step sizes h of the secants"),
    "chain_activation": Key(Choice(tuple(FUNCTIONS)), "the g of the chain rule on y = g(w·x + b)"),
    "chain_x": Key(NUMBER, "the neuron's input x"),
    "chain_w": Key(NUMBER, "its weight w"),
    "chain_b": Key(NUMBER, "its bias b"),
}
#: The built-in values: the [derivatives] table of `nnanim values`.
VALUES = """
[derivatives]
# A secant's slope becoming the tangent's: f(x) = x² at x = 1, for shrinking h.
function = "square"
x = 1.0
hs = [1.0, 0.5, 0.25, 0.1, 0.01]
# The chain rule on one neuron: y = g(w·x + b) with g = square, whose slope at z = 2 is 4, so
# every ∂y/∂· visibly multiplies two factors (relu′(2) = 1 would hide the product).
chain_activation = "square"
chain_x = 2.0
chain_w = 0.5
chain_b = 1.0
"""


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


#: The chain rule's three partial derivatives, in the order of its output, each with what ∂z is by.
PARTIALS = (("w", "x"), ("x", "w"), ("b", "1"))


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The curve, one secant per h, the tangent; then z, y and each partial derivative of y."""
    (curve, secant), (z, y, chain) = (s.steps for s in e.sections)
    n = format_number
    x, f_x = secant.inputs["x"], secant.intermediates["f_x"]
    beats = [BeatScript("curve", f"The curve {curve.label} and the point (x, f(x)) = ({n(x)}, {n(f_x)})")]
    for k, h in enumerate(secant.inputs["hs"]):
        fxh, slope = secant.intermediates["f_x_plus_h"][k], secant.intermediates["slopes"][k]
        beats.append(BeatScript(f"secant-{k + 1}", f"h = {n(h)}: the secant's slope is ({n(fxh)} − {n(f_x)}) / {n(h)} = {n(slope)}"))
    slopes = ", ".join(n(s) for s in secant.intermediates["slopes"])
    beats.append(BeatScript("tangent", f"As h shrinks the slopes {slopes} approach the tangent's: f′({n(x)}) = {n(secant.output)}"))
    w, zx, b = (n(z.inputs[k]) for k in ("w", "x", "b"))
    beats.append(
        BeatScript("z", f"z = w·x + b = {w}·{zx} + {b} = {n(z.output)}; its slopes: ∂z/∂w = x, ∂z/∂x = w, ∂z/∂b = 1")
    )
    zv, out, g = (n(v) for v in (y.inputs["z"], y.output, y.intermediates["derivative"]))
    beats.append(BeatScript("y", f"y = {y.op}(z) = {y.op}({zv}) = {out}, and its slope there: {y.op}′({zv}) = {g}"))
    for k, (name, by) in enumerate(PARTIALS):
        g_prime, inner = chain.intermediates["factors"][k]
        beats.append(
            BeatScript(
                f"dy-d{name}",
                f"∂y/∂{name} = {y.op}′(z)·∂z/∂{name} = {y.op}′(z)·{by} = {n(g_prime)} · {n(inner)} = {n(chain.output[k])}",
            )
        )
    return tuple(beats)


SPEC = SceneSpec(
    "derivatives",
    "Derivatives and the chain rule",
    "a secant becomes the tangent; the chain rule on relu(w·x + b)",
    compute,
    "scenes.derivatives:Derivatives",
    SCHEMA,
    script,
    values=VALUES,
    place=160,
)
