"""The predicted class over a plane of two features: where a network says rose, daisy or tulip.

The ``forward-pass`` network takes two features, (length, width). Running it on every point of a
grid over the plane gives, at each point, the class probabilities and the predicted class — the
regions a slide colours in, with the lecture's samples f1, f2 marked on top.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nnmath.errors import InputError, ShapeError
from nnmath.layers import Layer, forward_trace
from nnmath.validate import as_array, format_shape

__all__ = ["ClassRegions", "class_margins", "plane_range", "class_regions"]

#: Grid points along each axis of the plane: fine enough that a region's contour follows the
#: network's kinks closely on a slide.
DEFAULT_RESOLUTION = 121


@dataclass(frozen=True)
class ClassRegions:
    """A network's prediction at every point of a grid over a plane of two features.

    Attributes
    ----------
    xs : (columns,) the first feature at each grid column
    ys : (rows,) the second feature at each grid row
    probabilities : (rows, columns, classes) the network's output at (xs[j], ys[i])
    predicted : (rows, columns) the index of the largest probability
    margins : (rows, columns, classes) each class's probability minus the largest of the others:
        positive exactly where that class is predicted, 0 on the edge of its region — so a
        region's edge can be drawn as a smooth contour rather than a staircase of grid cells
    samples : (samples, 2) the points to mark (the lecture's f1, f2, ...)
    sample_probabilities : (samples, classes) the network's output for each of them
    sample_predicted : (samples,) the class predicted for each of them
    """

    xs: np.ndarray
    ys: np.ndarray
    probabilities: np.ndarray
    predicted: np.ndarray
    margins: np.ndarray
    samples: np.ndarray
    sample_probabilities: np.ndarray
    sample_predicted: np.ndarray


def class_margins(probabilities: object) -> np.ndarray:
    """Each class's probability minus the largest probability among the other classes.

    Parameters
    ----------
    probabilities : array of shape (..., classes)

    Returns
    -------
    ndarray of the same shape: > 0 for the predicted class (by its lead over the runner-up),
    ≤ 0 for the others; with a single class, 1.

    >>> class_margins([0.2, 0.6, 0.2]).tolist()
    [-0.39999999999999997, 0.39999999999999997, -0.39999999999999997]
    """
    p = as_array(probabilities, "probabilities", ndim=(1, 2, 3))
    if p.shape[-1] == 1:
        return np.ones_like(p)
    ranked = np.sort(p, axis=-1)
    largest, runner_up = ranked[..., -1:], ranked[..., -2:-1]
    # The largest of the *others* is the runner-up for the leading class, the leader for the rest.
    return p - np.where(p == largest, runner_up, largest)


def plane_range(values: object, *, room: float = 0.5) -> tuple[float, float]:
    """An axis range holding 0 and every value, with ``room`` × the values' span beyond them.

    Parameters
    ----------
    values : array of shape (samples,), one feature of the samples to mark
    room : fraction of the span added beyond the largest value (and below a negative smallest)

    >>> plane_range([10.0, 20.0])
    (0.0, 30.0)
    """
    column = as_array(values, "values", ndim=(1,))
    low, high = min(0.0, float(column.min())), max(0.0, float(column.max()))
    span = high - low if high > low else 1.0
    return (low - room * span if low < 0 else low), high + room * span


def class_regions(
    samples: object,
    layers: Sequence[Layer],
    *,
    resolution: int = DEFAULT_RESOLUTION,
) -> ClassRegions:
    """Run ``layers`` on a ``resolution`` × ``resolution`` grid over the plane around ``samples``.

    Parameters
    ----------
    samples : array of shape (samples, 2) or (2,): the points to mark; the plane is sized to hold them
    layers : a network taking 2 inputs (see :func:`nnmath.layers.forward_trace`)
    resolution : grid points along each axis, at least 2

    Returns
    -------
    ClassRegions
        ``xs``, ``ys`` of shape (resolution,), probabilities (resolution, resolution, classes).

    Raises
    ------
    ShapeError
        The samples do not have exactly two features (a plane needs two).
    """
    points = np.atleast_2d(as_array(samples, "features", ndim=(1, 2)))
    if points.shape[1] != 2:
        raise ShapeError(
            f"features {format_shape(points.shape)} have {points.shape[1]} columns; the plane of "
            "predicted classes needs exactly 2 features per sample, (length, width)"
        )
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)) or resolution < 2:
        raise InputError(f"resolution must be a whole number of at least 2, got {resolution!r}")
    xs = np.linspace(*plane_range(points[:, 0]), resolution)
    ys = np.linspace(*plane_range(points[:, 1]), resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)  # (rows, columns): row i is ys[i]
    plane = forward_trace(np.stack([grid_x.ravel(), grid_y.ravel()], axis=1), layers)
    at_samples = forward_trace(points, layers)
    classes = plane.output.shape[-1]
    return ClassRegions(
        xs=xs,
        ys=ys,
        probabilities=plane.output.reshape(resolution, resolution, classes),
        predicted=plane.predicted.reshape(resolution, resolution),
        margins=class_margins(plane.output).reshape(resolution, resolution, classes),
        samples=points,
        sample_probabilities=at_samples.output,
        sample_predicted=at_samples.predicted,
    )
