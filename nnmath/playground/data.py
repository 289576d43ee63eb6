"""The playground's data sets (its ``src/dataset.ts``), drawn from the seeded generator in its order.

Every generator here consumes :class:`SeedRandom` exactly as the TypeScript does — one draw per
``Math.random()`` call, in the same order, with the same arithmetic — because the shuffle and the
initial weights that follow depend on how many numbers the data took.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from nnmath.playground.seedrandom import SeedRandom

__all__ = ["NUM_SAMPLES_CLASSIFY", "NUM_SAMPLES_REGRESS", "GENERATORS", "generate", "shuffle", "split", "d3_linear"]

NUM_SAMPLES_CLASSIFY = 500
NUM_SAMPLES_REGRESS = 1200

Point = tuple[float, float, float]  # x, y, label


def d3_linear(domain: tuple[float, float], range_: tuple[float, float], clamp: bool = False) -> Callable[[float], float]:
    """d3 v3's ``d3.scale.linear()``: ``t = (x − d0)/(d1 − d0)``, then ``r0·(1 − t) + r1·t``."""
    d0, d1 = float(domain[0]), float(domain[1])
    r0, r1 = float(range_[0]), float(range_[1])
    span = (d1 - d0) or 1 / (d1 - d0)

    def scale(x: float) -> float:
        t = (x - d0) / span
        if clamp:
            t = max(0.0, min(1.0, t))
        return r0 * (1 - t) + r1 * t

    return scale


def _uniform(rng: SeedRandom, a: float, b: float) -> float:
    return rng.random() * (b - a) + a


def _normal(rng: SeedRandom, mean: float, variance: float) -> float:
    # The polar Box–Muller method, rejecting pairs outside the unit circle, as dataset.ts does.
    while True:
        v1 = 2 * rng.random() - 1
        v2 = 2 * rng.random() - 1
        s = v1 * v1 + v2 * v2
        if not s > 1:
            break
    result = math.sqrt(-2 * math.log(s) / s) * v1
    return mean + math.sqrt(variance) * result


def _dist(ax: float, ay: float, bx: float, by: float) -> float:
    dx = ax - bx
    dy = ay - by
    return math.sqrt(dx * dx + dy * dy)


def _half(num_samples: int) -> range:
    # `for (let i = 0; i < numSamples / 2; i++)`: an odd count rounds up.
    return range(math.ceil(num_samples / 2))


def classify_two_gauss(rng: SeedRandom, num_samples: int, noise: float) -> list[Point]:
    variance = d3_linear((0, 0.5), (0.5, 4))(noise)
    points: list[Point] = []
    for cx, cy, label in ((2, 2, 1), (-2, -2, -1)):
        for _ in _half(num_samples):
            x = _normal(rng, cx, variance)
            y = _normal(rng, cy, variance)
            points.append((x, y, label))
    return points


def _regression_points(rng: SeedRandom, num_samples: int, noise: float, label_of: Callable[[float, float], float]) -> list[Point]:
    """Points uniform on [−6, 6]², labelled where noise has moved them (both regression sets)."""
    radius = 6
    points: list[Point] = []
    for _ in range(num_samples):
        x = _uniform(rng, -radius, radius)
        y = _uniform(rng, -radius, radius)
        noise_x = _uniform(rng, -radius, radius) * noise
        noise_y = _uniform(rng, -radius, radius) * noise
        points.append((x, y, label_of(x + noise_x, y + noise_y)))
    return points


def regress_plane(rng: SeedRandom, num_samples: int, noise: float) -> list[Point]:
    label_scale = d3_linear((-10, 10), (-1, 1))
    return _regression_points(rng, num_samples, noise, lambda x, y: label_scale(x + y))


_GAUSSIANS = ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))


def regress_gaussian(rng: SeedRandom, num_samples: int, noise: float) -> list[Point]:
    label_scale = d3_linear((0, 2), (1, 0), clamp=True)

    def label_of(x: float, y: float) -> float:
        # The Gaussian whose value is largest in absolute value wins.
        label = 0.0
        for cx, cy, sign in _GAUSSIANS:
            new_label = sign * label_scale(_dist(x, y, cx, cy))
            if abs(new_label) > abs(label):
                label = new_label
        return label

    return _regression_points(rng, num_samples, noise, label_of)


def classify_spiral(rng: SeedRandom, num_samples: int, noise: float) -> list[Point]:
    n = num_samples / 2
    points: list[Point] = []
    for delta_t, label in ((0.0, 1), (math.pi, -1)):
        i = 0
        while i < n:
            r = i / n * 5
            t = 1.75 * i / n * 2 * math.pi + delta_t
            x = r * math.sin(t) + _uniform(rng, -1, 1) * noise
            y = r * math.cos(t) + _uniform(rng, -1, 1) * noise
            points.append((x, y, label))
            i += 1
    return points


def classify_circle(rng: SeedRandom, num_samples: int, noise: float) -> list[Point]:
    radius = 5

    def label_of(x: float, y: float) -> int:
        return 1 if _dist(x, y, 0, 0) < radius * 0.5 else -1

    points: list[Point] = []
    # Positive points inside the circle, then negative points in the ring around it.
    for low, high in ((0, radius * 0.5), (radius * 0.7, radius)):
        for _ in _half(num_samples):
            r = _uniform(rng, low, high)
            angle = _uniform(rng, 0, 2 * math.pi)
            x = r * math.sin(angle)
            y = r * math.cos(angle)
            noise_x = _uniform(rng, -radius, radius) * noise
            noise_y = _uniform(rng, -radius, radius) * noise
            points.append((x, y, label_of(x + noise_x, y + noise_y)))
    return points


def classify_xor(rng: SeedRandom, num_samples: int, noise: float) -> list[Point]:
    padding = 0.3
    points: list[Point] = []
    for _ in range(num_samples):
        x = _uniform(rng, -5, 5)
        x += padding if x > 0 else -padding
        y = _uniform(rng, -5, 5)
        y += padding if y > 0 else -padding
        noise_x = _uniform(rng, -5, 5) * noise
        noise_y = _uniform(rng, -5, 5) * noise
        points.append((x, y, 1 if (x + noise_x) * (y + noise_y) >= 0 else -1))
    return points


GENERATORS: dict[str, Callable[[SeedRandom, int, float], list[Point]]] = {
    "circle": classify_circle,
    "xor": classify_xor,
    "gauss": classify_two_gauss,
    "spiral": classify_spiral,
    "reg-plane": regress_plane,
    "reg-gauss": regress_gaussian,
}


def shuffle(rng: SeedRandom, points: list[Point]) -> None:
    """Fisher–Yates in place, drawing one number per position from the end, as dataset.ts does."""
    counter = len(points)
    while counter > 0:
        index = math.floor(rng.random() * counter)
        counter -= 1
        points[counter], points[index] = points[index], points[counter]


def split(points: list[Point], perc_train_data: float) -> tuple[np.ndarray, np.ndarray]:
    """The first ``floor(n·perc/100)`` shuffled points train, the rest test; each as rows ``[x, y, label]``."""
    split_index = math.floor(len(points) * perc_train_data / 100)
    as_rows = lambda rows: np.array(rows, dtype=float).reshape(-1, 3)  # noqa: E731
    return as_rows(points[:split_index]), as_rows(points[split_index:])


def generate(rng: SeedRandom, data_name: str, regression: bool, noise_percent: float, perc_train_data: float) -> tuple[np.ndarray, np.ndarray]:
    """``generateData``: the data set, shuffled, split into training and test points."""
    num_samples = NUM_SAMPLES_REGRESS if regression else NUM_SAMPLES_CLASSIFY
    points = GENERATORS[data_name](rng, num_samples, noise_percent / 100)
    shuffle(rng, points)
    return split(points, perc_train_data)
