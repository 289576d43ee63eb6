"""Gradient descent on a loss you can draw: a quadratic bowl in one weight or two.

The lecture's picture of training before the real network: a loss ``L(w)`` whose slope is known
at every ``w``, and an optimizer (:mod:`nnmath.optimizers`) stepping down it. Everything a scene
draws is recorded: the path of the weights, the loss and the gradient at every step, and the
learning rate each step used.

>>> from nnmath.optimizers import SGD
>>> loss = QuadraticLoss([1.0], [3.0], 1.0)          # L(w) = (w − 3)² + 1
>>> step = descent_trace(loss, [-1.0], SGD(learning_rate=0.25), steps=2)
>>> step.intermediates["path"].ravel().tolist()
[-1.0, 1.0, 2.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnmath.errors import InputError, ShapeError
from nnmath.optimizers import Optimizer
from nnmath.trace import Step, check_finite
from nnmath.validate import as_array, format_shape

__all__ = ["QuadraticLoss", "descent", "descent_trace", "descent_verdict", "decay_trace", "learning_rate_schedule", "loss_curve_trace", "tangent_trace", "contour_trace", "VERDICTS"]

#: What a run of gradient descent did, judged by how far it ended from the minimum.
VERDICTS = ("converges", "too slow", "diverges")
#: A run that still has more than this share of its starting distance to go is "too slow".
SLOW_SHARE = 0.25


@dataclass(frozen=True)
class QuadraticLoss:
    """``L(w) = floor + Σᵢ curvatureᵢ · (wᵢ − centerᵢ)²``: a bowl with its minimum ``floor`` at ``center``.

    Parameters
    ----------
    curvatures, center : arrays of shape (d,), d = 1 or 2; curvatures > 0
    floor : the loss at the minimum
    """

    curvatures: np.ndarray
    center: np.ndarray
    floor: float = 0.0

    def __post_init__(self) -> None:
        curvatures = as_array(self.curvatures, "curvatures", ndim=(1,))
        center = as_array(self.center, "center", ndim=(1,))
        if curvatures.shape != center.shape or curvatures.size > 2:
            raise ShapeError(
                f"curvatures {format_shape(curvatures.shape)} and center {format_shape(center.shape)} must "
                "both have one entry per weight, for one or two weights"
            )
        if (curvatures <= 0).any():
            raise InputError(f"curvatures must be positive (a bowl with a minimum), got {curvatures.tolist()}")
        object.__setattr__(self, "curvatures", curvatures)
        object.__setattr__(self, "center", center)
        object.__setattr__(self, "floor", float(as_array(self.floor, "floor", ndim=(0,))))

    @property
    def formula(self) -> str:
        return "L(w) = floor + Σ curvatureᵢ·(wᵢ − centerᵢ)²"

    def value(self, w: object) -> np.ndarray:
        """The loss at ``w`` (shape (..., d)): shape (...)."""
        w = np.asarray(w, dtype=np.float64)
        return self.floor + np.sum(self.curvatures * (w - self.center) ** 2, axis=-1)

    def gradient(self, w: object) -> np.ndarray:
        """∂L/∂w at ``w`` (shape (..., d)): ``2 · curvature · (w − center)``, the same shape."""
        w = np.asarray(w, dtype=np.float64)
        return 2.0 * self.curvatures * (w - self.center)


def _start(loss: QuadraticLoss, start: object) -> np.ndarray:
    w = as_array(start, "start", ndim=(1,))
    if w.shape != loss.center.shape:
        raise ShapeError(f"start {format_shape(w.shape)} needs one entry per weight, as the loss's {format_shape(loss.center.shape)}")
    return w.copy()


def descent(loss: QuadraticLoss, start: object, optimizer: Optimizer, steps: int) -> np.ndarray:
    """The weights after each of ``steps`` updates by ``optimizer``, from ``start``: shape (steps + 1, d)."""
    return descent_trace(loss, start, optimizer, steps).intermediates["path"]


def descent_trace(loss: QuadraticLoss, start: object, optimizer: Optimizer, steps: int, *, name: str = "w") -> Step:
    """``steps`` updates of the weights by ``optimizer`` on ``loss``, from ``start``, recorded.

    Returns
    -------
    Step
        ``intermediates``: ``path`` (steps + 1, d) the weights before the first and after each
        update; ``losses`` (steps + 1,); ``gradients`` (steps, d) the gradient each update used;
        ``learning_rates`` (steps,); ``distances`` (steps + 1,) from the minimum. ``output`` is
        the last weights (d,).

    Raises
    ------
    InputError
        ``steps`` not a whole number from 1 to 10,000, or a path that overflows float64 (a
        learning rate so large that the steps grow without bound).
    """
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 1 <= steps <= 10_000:
        raise InputError(f"steps must be a whole number from 1 to 10000, got {steps!r}")
    w = _start(loss, start)
    path, gradients, rates = [w.copy()], [], []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(int(steps)):
            gradient = loss.gradient(w)
            rates.append(optimizer.current_learning_rate)
            gradients.append(gradient)
            optimizer.update([w], [gradient])
            path.append(w.copy())
    path_array = np.array(path)
    check_finite(path_array, f"{name}'s path")
    distances = np.linalg.norm(path_array - loss.center, axis=-1)
    return Step(
        op="gradient_descent",
        label=f"{steps} steps of {optimizer.name}",
        inputs={f"{name}₀": path_array[0]},
        output=path_array[-1],
        intermediates={
            "path": path_array,
            "losses": loss.value(path_array),
            "gradients": np.array(gradients),
            "learning_rates": np.array(rates),
            "distances": distances,
        },
        note=f"{optimizer.formula or optimizer.name} on {loss.formula}",
    )


def descent_verdict(step: Step) -> str:
    """What a recorded descent did: ``"diverges"`` if it ended no nearer the minimum than it began,
    ``"too slow"`` if more than a quarter of the way is left, else ``"converges"``."""
    distances = step.intermediates["distances"]
    share = distances[-1] / distances[0] if distances[0] > 0 else 0.0
    if share >= 1.0:
        return "diverges"
    return "too slow" if share > SLOW_SHARE else "converges"


def learning_rate_schedule(optimizer: Optimizer, iterations: object) -> np.ndarray:
    """The optimizer's decayed learning rate ``lr / (1 + decay · t)`` at each of ``iterations``."""
    counts = as_array(iterations, "iterations", ndim=(1,))
    if (counts < 0).any() or (counts != np.round(counts)).any():
        raise InputError("iterations must be whole numbers ≥ 0")
    return np.array([optimizer.learning_rate_at(int(t)) for t in counts])


def decay_trace(learning_rate: float, decay: float, iterations: int, *, samples: int = 101) -> Step:
    """The learning rate ``lr / (1 + decay · t)`` for t from 0 to ``iterations``, as the book decays it.

    Returns
    -------
    Step
        ``intermediates``: ``iterations`` (samples,) and ``learning_rates`` (samples,); ``output``
        the learning rate at ``iterations``.
    """
    from nnmath.optimizers import SGD

    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or iterations < 1:
        raise InputError(f"iterations must be a whole number ≥ 1, got {iterations!r}")
    optimizer = SGD(learning_rate=learning_rate, decay=decay)
    ts = np.unique(np.round(np.linspace(0, int(iterations), samples)).astype(int))
    rates = learning_rate_schedule(optimizer, ts)
    return Step(
        op="learning_rate_decay",
        label=f"lr·1/(1 + {decay:g}·t)",
        inputs={"learning_rate": np.array(float(learning_rate)), "decay": np.array(float(decay))},
        output=np.array(rates[-1]),
        intermediates={"iterations": ts.astype(np.float64), "learning_rates": rates},
        note="lr_t = lr · 1 / (1 + decay · t), t the number of updates so far",
    )


def loss_curve_trace(loss: QuadraticLoss, low: float, high: float, *, samples: int = 201) -> Step:
    """L(w) sampled at ``samples`` weights from ``low`` to ``high`` (one-weight losses): the curve a
    scene draws. ``inputs["w"]`` (samples,), ``output`` (samples,)."""
    if loss.center.size != 1:
        raise ShapeError("a loss curve is drawn for a loss of one weight")
    grid = np.linspace(float(low), float(high), samples)
    return Step(op="loss_curve", label="L(w)", inputs={"w": grid}, output=loss.value(grid[:, None]), note=loss.formula)


def tangent_trace(loss: QuadraticLoss, w: float, half_width: float) -> Step:
    """The tangent of a one-weight loss at ``w``: the slope ∂L/∂w there and the segment's two ends,
    ``w ± half_width`` on the line ``L(w) + slope·Δw``. ``output`` (2, 2): the ends as (w, L)."""
    if loss.center.size != 1:
        raise ShapeError("a tangent is drawn for a loss of one weight")
    at = np.array([float(w)])
    slope, value = float(loss.gradient(at)[0]), float(loss.value(at))
    ends = np.array([[w - half_width, value - slope * half_width], [w + half_width, value + slope * half_width]])
    return Step(
        op="tangent",
        label="tangent at w",
        inputs={"w": at},
        output=ends,
        intermediates={"slope": np.array(slope), "loss": np.array(value)},
        note="L(w) + ∂L/∂w · Δw",
    )


def contour_trace(loss: QuadraticLoss, levels: object, *, samples: int = 121) -> Step:
    """The level curves ``L(w₁, w₂) = level`` of a two-weight bowl: ellipses around the center,
    ``wᵢ = centerᵢ + √((level − floor) / curvatureᵢ) · (cos t, sin t)``.

    Returns
    -------
    Step
        ``inputs["levels"]`` (k,); ``output`` (k, samples, 2): the points of each curve, closed
        (the last point is the first).
    """
    if loss.center.size != 2:
        raise ShapeError("contours are drawn for a loss of two weights")
    heights = as_array(levels, "levels", ndim=(1,))
    if (heights <= loss.floor).any():
        raise InputError(f"contour levels must lie above the loss's floor {loss.floor:g}, got {heights.tolist()}")
    t = np.linspace(0.0, 2.0 * np.pi, samples)
    circle = np.stack([np.cos(t), np.sin(t)], axis=-1)
    radii = np.sqrt((heights[:, None] - loss.floor) / loss.curvatures[None, :])
    points = loss.center + radii[:, None, :] * circle[None, :, :]
    points[:, -1] = points[:, 0]
    return Step(op="contours", label="L(w₁, w₂) = level", inputs={"levels": heights}, output=points, note=loss.formula)
