"""Activation functions with their derivatives, softmax and layer normalisation, traced.

Each activation is an :class:`Activation`: a name, the formula the lecture writes, the
function and its derivative. Derivatives at a kink use the convention of the book:
ReLU'(0) = 0 and the binary step's derivative is 0 everywhere (undefined at 0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnmath.errors import InputError, ShapeError
from nnmath.trace import Step
from nnmath.validate import as_array

__all__ = [
    "Activation",
    "ACTIVATIONS",
    "get_activation",
    "activation_trace",
    "softmax_trace",
    "exp_overflow_trace",
    "layer_norm_trace",
    "relu",
    "sigmoid",
    "tanh",
    "step",
    "linear",
    "softmax",
    "layer_norm",
]

ArrayFn = Callable[[np.ndarray], np.ndarray]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    # Two branches so that exp never overflows: e^{-x} for x >= 0, e^{x} for x < 0.
    positive = x >= 0
    safe_exp = np.exp(np.where(positive, -x, x))
    return np.where(positive, 1.0 / (1.0 + safe_exp), safe_exp / (1.0 + safe_exp))


@dataclass(frozen=True)
class Activation:
    """An activation function and its derivative, element-wise on arrays of any shape."""

    name: str
    formula: str
    function: ArrayFn
    derivative: ArrayFn

    def __call__(self, x: object) -> np.ndarray:
        return self.function(as_array(x, "x"))


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            "relu",
            "y = max(0, x)",
            lambda x: np.maximum(0.0, x),
            lambda x: (x > 0).astype(np.float64),
        ),
        Activation(
            "sigmoid",
            "y = 1 / (1 + e^(-x))",
            _sigmoid,
            lambda x: _sigmoid(x) * (1.0 - _sigmoid(x)),
        ),
        Activation("tanh", "y = tanh(x)", np.tanh, lambda x: 1.0 - np.tanh(x) ** 2),
        Activation(
            "step",
            "y = 1 if x > 0 else 0",
            lambda x: (x > 0).astype(np.float64),
            lambda x: np.zeros_like(x),
        ),
        Activation("linear", "y = x", lambda x: x.copy(), lambda x: np.ones_like(x)),
    )
}


def get_activation(name: str) -> Activation:
    """The activation called ``name``; an :class:`InputError` listing the known ones otherwise."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(sorted(ACTIVATIONS))
        raise InputError(f"unknown activation {name!r}; known: {known}") from None


def activation_trace(
    name: str, x: object, *, x_name: str = "x", parents: tuple[Step, ...] = ()
) -> Step:
    """Apply activation ``name`` element-wise, keeping its derivative at each input.

    Parameters
    ----------
    name : {"relu", "sigmoid", "tanh", "step", "linear"}
    x : array of any rank up to 2

    Returns
    -------
    Step
        ``output`` has the shape of ``x``; ``intermediates["derivative"]`` too.
    """
    activation = get_activation(name)
    values = as_array(x, x_name)
    return Step(
        op=name,
        label=f"{name}({x_name})",
        inputs={x_name: values},
        output=activation.function(values),
        intermediates={"derivative": activation.derivative(values)},
        parents=parents,
        note=activation.formula,
    )


def _softmax_parts(
    values: np.ndarray, subtract_max: bool, z_name: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each row's max, the shifted scores, their exponentials and each row's sum (keepdims), with
    the overflow and underflow refused as :func:`softmax_trace` documents."""
    row_max = values.max(axis=-1, keepdims=True)
    shifted = values - row_max if subtract_max else values
    with np.errstate(over="ignore"):
        exps = np.exp(shifted)
    if not np.isfinite(exps).all():
        raise InputError(
            f"e^{z_name} overflows float64 for {z_name} above 709.78 (largest is {float(values.max())}): "
            "subtract max(z) first, which gives the same softmax"
        )
    sums = exps.sum(axis=-1, keepdims=True)
    if not (sums > 0).all():
        raise InputError(
            f"every e^{z_name} of a row underflows to 0 (smallest is {float(values.min())}), so the row "
            "cannot be normalised: subtract max(z) first, which gives the same softmax"
        )
    return row_max, shifted, exps, sums


def softmax_trace(
    z: object, *, subtract_max: bool = True, z_name: str = "z", parents: tuple[Step, ...] = ()
) -> Step:
    """σ(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ} along each row.

    Parameters
    ----------
    z : array of shape (k,) or (batch, k)
    subtract_max
        Subtract each row's maximum before exponentiating, as the book does. The result is the
        same (e^{z-c} / Σ e^{z-c} = e^z / Σ e^z) and e^x cannot overflow.

    Returns
    -------
    Step
        ``intermediates``: ``max`` (rows,), ``shifted`` like z, ``exp`` like z, ``sum`` (rows,);
        ``output`` like z, each row summing to 1.

    Raises
    ------
    InputError
        ``subtract_max=False`` and e^z overflows float64 (some z above about 709.78), or every
        e^z of a row underflows to 0 (all z below about −745).
    """
    values = as_array(z, z_name, ndim=(1, 2))
    row_max, shifted, exps, sums = _softmax_parts(values, subtract_max, z_name)
    return Step(
        op="softmax",
        label=f"softmax({z_name})",
        inputs={z_name: values},
        output=exps / sums,
        intermediates={
            "max": row_max.squeeze(-1),
            "shifted": shifted,
            "exp": exps,
            "sum": sums.squeeze(-1),
        },
        parents=parents,
        note="exponentiate" + (" z − max(z)" if subtract_max else " z") + ", sum each row, divide by the sum",
    )


def exp_overflow_trace(z: object, *, z_name: str = "z", parents: tuple[Step, ...] = ()) -> Step:
    """Which entries of e^z overflow float64: those above ln(largest float64) ≈ 709.78.

    Returns
    -------
    Step
        ``output`` like z: 1 where e^z overflows to infinity, 0 where it is finite;
        ``intermediates["limit"]`` the threshold.
    """
    values = as_array(z, z_name, ndim=(1, 2))
    limit = np.log(np.finfo(np.float64).max)
    return Step(
        op="exp_overflow",
        label=f"e^({z_name})",
        inputs={z_name: values},
        output=(values > limit).astype(np.float64),
        intermediates={"limit": np.array(limit)},
        parents=parents,
        note=f"e^x overflows float64 for x above ln(largest float64) = {limit:.2f}",
    )


def layer_norm_trace(
    x: object,
    gamma: object | None = None,
    beta: object | None = None,
    *,
    eps: float = 1e-5,
    x_name: str = "x",
    parents: tuple[Step, ...] = (),
) -> Step:
    """Layer normalisation along each row: (x − mean) / √(var + eps) · γ + β.

    Parameters
    ----------
    x : array of shape (features,) or (batch, features)
    gamma, beta : arrays of shape (features,), default ones and zeros
    eps : small positive number added to the variance (PyTorch's default, 1e-5)

    Returns
    -------
    Step
        ``intermediates``: ``mean`` and ``variance`` (rows,), ``normalised`` like x.
    """
    values = as_array(x, x_name, ndim=(1, 2))
    features = values.shape[-1]
    gamma_ = np.ones(features) if gamma is None else as_array(gamma, "gamma", ndim=(1,))
    beta_ = np.zeros(features) if beta is None else as_array(beta, "beta", ndim=(1,))
    for name, param in (("gamma", gamma_), ("beta", beta_)):
        if param.shape != (features,):
            raise ShapeError(
                f"{name} has shape {param.shape}; layer norm of {x_name} with {features} features "
                f"needs shape ({features},)"
            )
    if not eps > 0:
        raise InputError(f"eps must be positive, got {eps}")
    mean = values.mean(axis=-1, keepdims=True)
    variance = values.var(axis=-1, keepdims=True)
    normalised = (values - mean) / np.sqrt(variance + eps)
    return Step(
        op="layer_norm",
        label=f"layer_norm({x_name})",
        inputs={x_name: values, "gamma": gamma_, "beta": beta_},
        output=normalised * gamma_ + beta_,
        intermediates={
            "mean": mean.squeeze(-1),
            "variance": variance.squeeze(-1),
            "normalised": normalised,
        },
        parents=parents,
        note=f"subtract each row's mean, divide by √(variance + {eps:g}), scale by γ, shift by β",
    )


def _plain(step: Step) -> np.ndarray:
    return np.array(step.output)


# The plain functions run the same kernels as their traced twins, without keeping intermediates.


def relu(x: object) -> np.ndarray:
    """max(0, x), element-wise."""
    return ACTIVATIONS["relu"](x)


def sigmoid(x: object) -> np.ndarray:
    """1 / (1 + e^(−x)), element-wise, without overflow."""
    return ACTIVATIONS["sigmoid"](x)


def tanh(x: object) -> np.ndarray:
    """tanh(x), element-wise."""
    return ACTIVATIONS["tanh"](x)


def step(x: object) -> np.ndarray:
    """The binary step: 1 where x > 0, else 0."""
    return ACTIVATIONS["step"](x)


def linear(x: object) -> np.ndarray:
    """The identity."""
    return ACTIVATIONS["linear"](x)


def softmax(z: object) -> np.ndarray:
    """Softmax of a vector, or of each row of a batch (shape (k,) or (batch, k))."""
    _, _, exps, sums = _softmax_parts(as_array(z, "z", ndim=(1, 2)), True, "z")
    return exps / sums


def layer_norm(x: object, gamma: object | None = None, beta: object | None = None, *, eps: float = 1e-5) -> np.ndarray:
    """Layer normalisation of a vector or of each row of a batch."""
    return _plain(layer_norm_trace(x, gamma, beta, eps=eps))
