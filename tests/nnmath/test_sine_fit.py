"""Property tests of nnmath.sine_fit: the ReLU pairs that fit the sine pass through their knots, and
each pair adds nothing left of its area of effect."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

import nnmath
from numpy_oracles import assert_close, fast


# --------------------------------------------------------------------------------------------
# sine_fit
# --------------------------------------------------------------------------------------------


@st.composite
def sine_fit_args(draw):
    pairs = draw(st.integers(1, 10))
    x_min = draw(st.floats(-10, 10, allow_nan=False))
    width = draw(st.floats(0.1, 10, allow_nan=False))
    x_max = x_min + width
    assume(x_min < x_max)
    return pairs, x_min, x_max


def sine_scale(fit):
    """Size of the terms the network adds: |slope|·|x| and |slope|·width, summed over pairs."""
    slopes = np.abs(fit.w3[0])
    return np.abs(fit.b3[0]) + np.sum(slopes) * (1 + np.max(np.abs(fit.knots)))


@fast(50)
@given(args=sine_fit_args())
def test_sine_fit_passes_through_its_knot_values(args):
    pairs, x_min, x_max = args
    fit = nnmath.sine_fit(pairs, x_min, x_max)
    assert fit.pairs == pairs
    np.testing.assert_allclose(fit.knots, np.linspace(x_min, x_max, pairs + 1), rtol=0, atol=0)
    assert fit.w1.shape == (pairs, 1) and fit.w2.shape == (pairs, pairs) and fit.w3.shape == (1, pairs)
    assert_close(fit.predict(fit.knots), fit.knot_values, scale=sine_scale(fit))
    # between knots the network is the straight line through the knot values
    grid = np.linspace(x_min, x_max, 37)
    assert_close(fit.predict(grid), np.interp(grid, fit.knots, fit.knot_values), scale=sine_scale(fit), rtol=1e-9)
    # without ReLUs the same weights draw a straight line
    straight = fit.predict(grid, relu=False)
    second_differences = np.diff(straight, 2)
    np.testing.assert_allclose(second_differences, 0.0, atol=1e-9 * sine_scale(fit))


@fast(50)
@given(args=sine_fit_args(), data=st.data())
def test_sine_fit_pair_contribution_is_zero_left_of_its_area_of_effect(args, data):
    pairs, x_min, x_max = args
    fit = nnmath.sine_fit(pairs, x_min, x_max)
    pair = data.draw(st.integers(0, pairs - 1))
    start, end = fit.areas_of_effect[pair]
    assert start == fit.knots[pair] and end == fit.knots[pair + 1]
    width = x_max - x_min
    xs = np.concatenate(
        [
            np.linspace(x_min - width, start, 9)[:-1],  # left of the area of effect
            np.linspace(start, end, 7),  # across it
            np.linspace(end, x_max + width, 9)[1:],  # right of it
        ]
    )
    contribution = fit.pair_contribution(xs, pair)
    scale = sine_scale(fit)
    left = xs < start
    right = xs > end
    assert_close(contribution[left], np.zeros(left.sum()), scale=scale)
    rise = fit.knot_values[pair + 1] - fit.knot_values[pair]
    assert_close(contribution[right], np.full(right.sum(), rise), scale=scale, rtol=1e-9)
    across = ~left & ~right
    ramp = rise * (xs[across] - start) / (end - start)
    assert_close(contribution[across], ramp, scale=scale, rtol=1e-9)
