"""The spiral data of the book's chapter 10, and its network before training.

The points are those of the ``nnfs`` package's ``spiral_data`` after ``nnfs.init()`` (which seeds
numpy's global generator with 0): ``classes`` arms of ``samples`` points each, class ``c`` at
angles ``2.5·t`` with ``t`` evenly from ``4c`` to ``4(c + 1)`` plus Gaussian noise of 0.2, and
radii evenly from 0 to 1. ``nnfs`` stores them as float32; nnmath keeps float64, so the two agree
to float32's precision.
"""

from __future__ import annotations

import numpy as np

from nnmath.errors import InputError
from nnmath.layers import Layer

__all__ = ["spiral_data", "spiral_model"]

#: The book's scale of the initial weights: small, so the first outputs are near uniform.
WEIGHT_SCALE = 0.01


def _count(value: object, name: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise InputError(f"{name} must be a whole number ≥ {low}, got {value!r}")
    return int(value)


def _generator(seed: object) -> np.random.RandomState:
    # The legacy generator: np.random.seed(0) then np.random.randn, as nnfs and the book draw.
    return np.random.RandomState(_count(seed, "seed", 0))


def _spiral(samples: int, classes: int, rng: np.random.RandomState) -> tuple[np.ndarray, np.ndarray]:
    # One randn(samples) per class, in class order: the same stream as one (classes, samples) draw.
    noise = rng.randn(classes, samples)
    radius = np.linspace(0.0, 1, samples)
    angle = np.stack([np.linspace(c * 4, (c + 1) * 4, samples) for c in range(classes)]) + noise * 0.2
    points = np.stack([radius * np.sin(angle * 2.5), radius * np.cos(angle * 2.5)], axis=-1)
    return points.reshape(samples * classes, 2), np.repeat(np.arange(classes), samples)


def spiral_data(samples: int, classes: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``classes`` interleaved spiral arms of ``samples`` points each.

    Returns
    -------
    (X, y)
        ``X`` (samples·classes, 2) float64 points, class by class; ``y`` (samples·classes,) int64
        class indices.
    """
    return _spiral(_count(samples, "samples", 1), _count(classes, "classes", 1), _generator(seed))


def spiral_model(
    samples: int = 100, classes: int = 3, hidden: int = 64, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, list[Layer]]:
    """The book's chapter-10 set-up: spiral data and a 2 → ``hidden`` → ``classes`` network.

    One generator seeded with ``seed`` draws, in the book's order, the data, then the first
    layer's weights ``0.01·randn(2, hidden)``, then the second's ``0.01·randn(hidden, classes)``;
    biases are zero. Weights are in the book's ``(inputs, neurons)`` layout.

    Returns
    -------
    (X, y, layers)
        As :func:`spiral_data`, and ``[Layer(ReLU), Layer(softmax)]``.
    """
    samples, classes = _count(samples, "samples", 1), _count(classes, "classes", 1)
    hidden = _count(hidden, "hidden", 1)
    rng = _generator(seed)
    X, y = _spiral(samples, classes, rng)
    w1 = WEIGHT_SCALE * rng.randn(2, hidden)
    w2 = WEIGHT_SCALE * rng.randn(hidden, classes)
    layers = [
        Layer(w1, np.zeros(hidden), activation="relu", weights_layout="inputs_neurons"),
        Layer(w2, np.zeros(classes), activation="softmax", weights_layout="inputs_neurons"),
    ]
    return X, y, layers
