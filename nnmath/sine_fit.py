"""The ``why-activations`` network: a 1 → 8 → 8 → 1 ReLU network drawing a sine wave.

The weights are constructed, not trained, the way the book's chapter 4 builds them by hand:
neuron pair i (neuron i of hidden layer 1 and neuron i of hidden layer 2) owns one segment
[tᵢ, tᵢ₊₁] of the interval, its *area of effect*:

* layer 1, neuron i:  h₁ᵢ = relu(x − tᵢ)            — zero left of tᵢ, then rising;
* layer 2, neuron i:  h₂ᵢ = relu(dᵢ − h₁ᵢ)          — dᵢ = tᵢ₊₁ − tᵢ left of tᵢ, falling to 0 at tᵢ₊₁;
* output:             y = b₃ − Σ mᵢ h₂ᵢ             — mᵢ the segment's slope.

So each pair adds a ramp that rises over its own segment and is flat elsewhere, and the
network is the piecewise-linear curve through the knot values vᵢ. Those values are fitted to
sin(2πx) by least squares on a dense grid, which roughly halves the error of interpolating
sin at the knots. Removing the ReLUs leaves three affine maps, whose composition is affine:
the same weights can then only draw a straight line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from nnmath.errors import InputError
from nnmath.layers import Layer, forward_trace
from nnmath.trace import Trace
from nnmath.validate import as_array

__all__ = ["SineFit", "sine_fit", "target"]

# Dense enough that the maximum error between grid points is negligible next to the fit's.
_ERROR_GRID = 2001


def target(x: np.ndarray) -> np.ndarray:
    """The curve the network draws: sin(2πx), the book's sine data."""
    return np.sin(2 * np.pi * np.asarray(x, dtype=np.float64))


@dataclass(frozen=True)
class SineFit:
    """A constructed sine-fitting network and what it draws.

    Attributes
    ----------
    knots : (pairs + 1,) segment ends t₀ < t₁ < … ; pair i acts on [tᵢ, tᵢ₊₁]
    knot_values : (pairs + 1,) the curve's value at each knot
    w1 : (pairs, 1), b1 : (pairs,)    — layer 1, (neurons, inputs) layout
    w2 : (pairs, pairs), b2 : (pairs,) — layer 2
    w3 : (1, pairs), b3 : (1,)        — the output neuron
    """

    knots: np.ndarray
    knot_values: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    w3: np.ndarray
    b3: np.ndarray

    @property
    def pairs(self) -> int:
        return len(self.knots) - 1

    @property
    def areas_of_effect(self) -> np.ndarray:
        """(pairs, 2): the segment [tᵢ, tᵢ₊₁] over which pair i changes the output."""
        return np.stack([self.knots[:-1], self.knots[1:]], axis=1)

    def layers(self, *, relu: bool = True, active_pairs: int | None = None) -> list[Layer]:
        """The network's layers; ``relu=False`` replaces each ReLU by the identity.

        ``active_pairs=k`` keeps only the first k pairs' effect: the output neuron ignores the
        others, and its bias keeps the curve at v₀ left of t₀, so the curve is built pair by pair.
        """
        k = self.pairs if active_pairs is None else active_pairs
        if not 0 <= k <= self.pairs:
            raise InputError(f"active_pairs must be between 0 and {self.pairs}, got {k}")
        keep = np.arange(self.pairs) < k
        w3 = np.where(keep, self.w3, 0.0)
        # With pair i switched off its h₂ᵢ = dᵢ contribution must also leave the bias.
        b3 = self.b3 - np.sum(np.where(keep, 0.0, -self.w3[0] * self.b2))
        hidden = "relu" if relu else "linear"
        return [
            Layer(self.w1, self.b1, activation=hidden),
            Layer(self.w2, self.b2, activation=hidden),
            Layer(w3, b3, activation="linear"),
        ]

    def forward(self, x: object, *, relu: bool = True, active_pairs: int | None = None) -> Trace:
        """The traced forward pass of a batch of inputs: x of shape (samples,) -> (samples, 1)."""
        inputs = as_array(x, "x", ndim=(1,)).reshape(-1, 1)
        return forward_trace(inputs, self.layers(relu=relu, active_pairs=active_pairs), inputs_name="x").trace

    def predict(self, x: object, *, relu: bool = True, active_pairs: int | None = None) -> np.ndarray:
        """The network's output for x of shape (samples,), as shape (samples,)."""
        return np.array(self.forward(x, relu=relu, active_pairs=active_pairs).output[:, 0])

    def pair_contribution(self, x: object, pair: int) -> np.ndarray:
        """What pair ``pair`` adds to the output at each x: 0 left of its segment, a ramp across
        it, flat at (vᵢ₊₁ − vᵢ) to the right. Shape (samples,)."""
        with_pair = self.predict(x, active_pairs=pair + 1)
        without = self.predict(x, active_pairs=pair)
        return with_pair - without

    @property
    def slopes(self) -> np.ndarray:
        """(pairs,) the slope of the curve over each segment: the output weight is its negative,
        because layer 2's weight −1 turns each pair's rising ramp into a falling one."""
        return -self.w3[0]

    def _error_grid(self) -> np.ndarray:
        return np.linspace(self.knots[0], self.knots[-1], _ERROR_GRID)

    def _max_error(self, values: np.ndarray) -> float:
        return float(np.max(np.abs(values - target(self._error_grid()))))

    @cached_property
    def max_error(self) -> float:
        """max |network(x) − sin(2πx)| over the interval, on a 2001-point grid."""
        return self._max_error(self.predict(self._error_grid()))

    @cached_property
    def no_relu_max_error(self) -> float:
        """The same measure for the network with its ReLUs removed: the straight line it then draws."""
        return self._max_error(self.predict(self._error_grid(), relu=False))

    @cached_property
    def _best_line_coefficients(self) -> tuple[float, float]:
        grid = self._error_grid()
        slope, intercept = np.polyfit(grid, target(grid), 1)
        return float(slope), float(intercept)

    def best_line(self, x: object) -> np.ndarray:
        """The best straight line (least squares against sin(2πx) over the interval) at x: the
        most a network without activations could do, whatever its weights."""
        slope, intercept = self._best_line_coefficients
        return slope * as_array(x, "x", ndim=(1,)) + intercept

    @cached_property
    def linear_max_error(self) -> float:
        """The same measure for the best straight line (:meth:`best_line`)."""
        return self._max_error(self.best_line(self._error_grid()))


def sine_fit(pairs: int = 8, x_min: float = 0.0, x_max: float = 1.0) -> SineFit:
    """Construct the network whose ReLU pairs draw sin(2πx) over [x_min, x_max].

    Parameters
    ----------
    pairs : neurons per hidden layer (one segment each), at least 1
    x_min, x_max : the interval, x_min < x_max
    """
    if isinstance(pairs, bool) or not isinstance(pairs, (int, np.integer)) or pairs < 1:
        raise InputError(f"pairs must be a positive whole number, got {pairs!r}")
    lo = float(as_array(x_min, "x_min", ndim=(0,)))
    hi = float(as_array(x_max, "x_max", ndim=(0,)))
    if not lo < hi:
        raise InputError(f"x_min must be below x_max, got {lo} and {hi}")
    knots = np.linspace(lo, hi, pairs + 1)
    grid = np.linspace(lo, hi, _ERROR_GRID)
    # Hat functions: column j is the piecewise-linear curve that is 1 at knot j and 0 at the others.
    hats = np.stack([np.interp(grid, knots, np.eye(pairs + 1)[j]) for j in range(pairs + 1)], axis=1)
    knot_values, *_ = np.linalg.lstsq(hats, target(grid), rcond=None)
    widths = np.diff(knots)
    slopes = np.diff(knot_values) / widths
    return SineFit(
        knots=knots,
        knot_values=knot_values,
        w1=np.ones((pairs, 1)),
        b1=-knots[:-1],
        w2=-np.eye(pairs),
        b2=widths,
        w3=-slopes.reshape(1, pairs),
        b3=np.array([knot_values[0] + np.sum(slopes * widths)]),
    )
