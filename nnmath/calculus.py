"""The derivative review: slopes of secants and tangents, and the chain rule, traced.

Functions are named (so a values file can choose one) and each carries its analytic derivative.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from nnmath.activations import ACTIVATIONS
from nnmath.errors import InputError
from nnmath.trace import Step, Trace
from nnmath.validate import as_array

__all__ = [
    "Function",
    "FUNCTIONS",
    "get_function",
    "numerical_derivative",
    "secant_trace",
    "function_curve_trace",
    "chain_rule_trace",
    "neuron_chain_rule_trace",
]

ScalarFn = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Function:
    """A named function of one variable with its analytic derivative."""

    name: str
    formula: str
    function: ScalarFn
    derivative: ScalarFn


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("square", "x²", lambda x: x**2, lambda x: 2 * x),
        Function("cube", "x³", lambda x: x**3, lambda x: 3 * x**2),
        Function("sin", "sin(x)", np.sin, np.cos),
        Function("exp", "eˣ", np.exp, np.exp),
        *(Function(a.name, a.formula, a.function, a.derivative) for a in ACTIVATIONS.values()),
    )
}


def get_function(name: str) -> Function:
    """The function called ``name``; an :class:`InputError` listing the known ones otherwise."""
    try:
        return FUNCTIONS[name]
    except KeyError:
        raise InputError(f"unknown function {name!r}; known: {', '.join(sorted(FUNCTIONS))}") from None


def numerical_derivative(f: ScalarFn, x: float, h: float = 1e-5) -> float:
    """The central difference (f(x + h) − f(x − h)) / 2h."""
    point = float(as_array(x, "x", ndim=(0,)))
    if not h > 0:
        raise InputError(f"h must be positive, got {h}")
    return float((f(np.float64(point + h)) - f(np.float64(point - h))) / (2 * h))


def function_curve_trace(name: str, x: object) -> Step:
    """The named function and its derivative on the points ``x`` (shape (k,)), to draw its curve."""
    fn = get_function(name)
    points = as_array(x, "x", ndim=(1,))
    return Step(
        op="curve",
        label=f"y = {fn.formula}",
        inputs={"x": points},
        output=fn.function(points),
        intermediates={"derivative": fn.derivative(points)},
        note=f"{fn.formula} sampled at {len(points)} points",
    )


def secant_trace(name: str, x: float, hs: Sequence[float]) -> Step:
    """Secant slopes (f(x + h) − f(x)) / h for shrinking h, approaching the tangent's slope f'(x).

    Returns
    -------
    Step
        ``intermediates``: ``h`` (k,), ``f_x_plus_h`` (k,), ``slopes`` (k,), ``numerical``
        (the central difference) and ``f_x``; ``output`` is the analytic derivative f'(x).
    """
    fn = get_function(name)
    point = as_array(x, "x", ndim=(0,))
    steps = as_array(hs, "hs", ndim=(1,))
    if (steps == 0).any():
        raise InputError("every h must be non-zero: a secant needs two different points")
    f_x = fn.function(point)
    f_x_plus_h = fn.function(point + steps)
    return Step(
        op="secant",
        label=f"d/dx {fn.formula} at x = {float(point):g}",
        inputs={"x": point, "hs": steps},
        output=fn.derivative(point),
        intermediates={
            "f_x": f_x,
            "f_x_plus_h": f_x_plus_h,
            "slopes": (f_x_plus_h - f_x) / steps,
            "numerical": np.array(numerical_derivative(fn.function, float(point))),
        },
        note="the secant's slope (f(x+h) − f(x)) / h tends to the tangent's slope as h → 0",
    )


def chain_rule_trace(x: float, names: Sequence[str]) -> Trace:
    """d/dx of f_k(...f_2(f_1(x))) as the product of each factor f_i'(input of f_i).

    Parameters
    ----------
    x : the point
    names : the functions, innermost first

    Returns
    -------
    Trace
        One step per function (its value and its derivative at its own input), then a
        ``chain_rule`` step whose ``output`` is the product of the factors.
    """
    if not names:
        raise InputError("the chain rule needs at least one function")
    value = as_array(x, "x", ndim=(0,))
    steps: list[Step] = []
    factors = []
    for name in names:
        fn = get_function(name)
        derivative = fn.derivative(value)
        step = Step(
            op=name,
            label=f"{name}(u)",
            inputs={"u": value},
            output=fn.function(value),
            intermediates={"derivative": derivative},
            parents=tuple(steps[-1:]),
            note=fn.formula,
        )
        steps.append(step)
        factors.append(derivative)
        value = step.output
    steps.append(
        Step(
            op="chain_rule",
            label="d/dx " + " ∘ ".join(reversed(names)),
            inputs={"x": as_array(x, "x", ndim=(0,))},
            output=np.prod(factors),
            intermediates={"factors": np.array(factors)},
            parents=(steps[-1],),
            note="the derivative of a composition is the product of each function's derivative at its input",
        )
    )
    return Trace(steps)


def neuron_chain_rule_trace(x: float, w: float, b: float, activation: str = "relu") -> Trace:
    """The chain rule on one neuron y = g(w·x + b): ∂y/∂w, ∂y/∂x and ∂y/∂b.

    Returns
    -------
    Trace
        ``z`` = w·x + b (its partials: ∂z/∂w = x, ∂z/∂x = w, ∂z/∂b = 1), ``g(z)`` with g'(z),
        then a ``chain_rule`` step whose ``output`` holds [∂y/∂w, ∂y/∂x, ∂y/∂b] and whose
        ``factors`` hold, row by row, [g'(z), ∂z/∂·].
    """
    fn = get_function(activation)
    xv, wv, bv = (as_array(v, n, ndim=(0,)) for v, n in ((x, "x"), (w, "w"), (b, "b")))
    z = Step(
        op="weighted_sum",
        label="z = w·x + b",
        inputs={"w": wv, "x": xv, "b": bv},
        output=wv * xv + bv,
        intermediates={"dz_dw": xv, "dz_dx": wv, "dz_db": np.array(1.0)},
        note="∂z/∂w = x, ∂z/∂x = w, ∂z/∂b = 1",
    )
    g_prime = fn.derivative(z.output)
    y = Step(
        op=activation,
        label=f"y = {activation}(z)",
        inputs={"z": z.output},
        output=fn.function(z.output),
        intermediates={"derivative": g_prime},
        parents=(z,),
        note=fn.formula,
    )
    partials = np.array([z.intermediates[k] for k in ("dz_dw", "dz_dx", "dz_db")])
    factors = np.stack([np.full(3, g_prime), partials], axis=1)
    chain = Step(
        op="chain_rule",
        label=f"∂{activation}(w·x + b)/∂(w, x, b)",
        inputs={"x": xv, "w": wv, "b": bv},
        output=g_prime * partials,
        intermediates={"factors": factors},
        parents=(y,),
        note=f"∂y/∂w = {activation}'(z)·x, ∂y/∂x = {activation}'(z)·w, ∂y/∂b = {activation}'(z)·1",
    )
    return Trace([z, y, chain])
