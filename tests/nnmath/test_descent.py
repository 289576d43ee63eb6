"""nnmath.descent: gradient descent on a bowl, recorded step by step."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnmath.descent import QuadraticLoss, decay_trace, descent_trace, descent_verdict, loss_curve_trace, tangent_trace
from nnmath.errors import InputError, ShapeError
from nnmath.optimizers import SGD, Adam


def test_sgd_on_a_bowl_steps_against_the_slope_by_hand():
    loss = QuadraticLoss([1.0], [3.0], 1.0)
    step = descent_trace(loss, [-1.0], SGD(learning_rate=0.25), steps=3)
    # w − 0.25 · 2(w − 3): −1 → 1 → 2 → 2.5
    np.testing.assert_allclose(step.intermediates["path"].ravel(), [-1.0, 1.0, 2.0, 2.5])
    np.testing.assert_allclose(step.intermediates["gradients"].ravel(), [-8.0, -4.0, -2.0])
    np.testing.assert_allclose(step.intermediates["losses"], [17.0, 5.0, 2.0, 1.25])
    np.testing.assert_allclose(step.intermediates["learning_rates"], [0.25] * 3)


@settings(max_examples=40, deadline=None)
@given(
    curvature=st.floats(0.1, 5.0),
    rate=st.floats(0.001, 1.5),
    start=st.floats(-10, 10).filter(lambda w: abs(w - 1.0) > 1e-3),
)
def test_the_verdict_follows_the_factor_of_each_step(curvature, rate, start):
    """On L = c(w − m)², plain SGD multiplies the distance to m by |1 − 2c·lr| each step."""
    loss = QuadraticLoss([curvature], [1.0], 0.0)
    factor = abs(1 - 2 * curvature * rate)
    step = descent_trace(loss, [start], SGD(learning_rate=rate), steps=6)
    np.testing.assert_allclose(step.intermediates["distances"][-1], abs(start - 1.0) * factor**6, rtol=1e-9, atol=1e-12)
    if factor**6 >= 1 + 1e-9:
        assert descent_verdict(step) == "diverges"
    elif factor**6 < 0.25 - 1e-9:
        assert descent_verdict(step) == "converges"


def test_decay_is_the_books_schedule():
    step = decay_trace(1.0, 1e-2, 1000)
    assert step.intermediates["iterations"][0] == 0 and step.intermediates["iterations"][-1] == 1000
    assert float(step.output) == pytest.approx(1 / 11)
    np.testing.assert_allclose(step.intermediates["learning_rates"], 1.0 / (1 + 1e-2 * step.intermediates["iterations"]))


def test_curve_and_tangent_touch_at_the_start():
    loss = QuadraticLoss([2.0], [0.5], 1.0)
    tangent = tangent_trace(loss, -1.0, 0.5)
    (w0, l0), (w1, l1) = tangent.output
    assert (l1 - l0) / (w1 - w0) == pytest.approx(float(tangent.intermediates["slope"])) == pytest.approx(-6.0)
    curve = loss_curve_trace(loss, -2, 2)
    np.testing.assert_allclose(curve.output, 1.0 + 2.0 * (curve.inputs["w"] - 0.5) ** 2)


def test_two_weights_and_adam_reach_the_minimum():
    loss = QuadraticLoss([0.01, 0.9], [0.0, 0.0])
    step = descent_trace(loss, [-3.0, 1.0], Adam(learning_rate=0.05), steps=100)
    assert step.intermediates["path"].shape == (101, 2)
    assert descent_verdict(step) == "converges"


def test_bad_losses_and_runs_are_refused_by_name():
    with pytest.raises(InputError, match="curvatures must be positive"):
        QuadraticLoss([0.0], [1.0])
    with pytest.raises(ShapeError, match="one entry per weight"):
        QuadraticLoss([1.0, 2.0], [1.0])
    with pytest.raises(InputError, match="steps must be"):
        descent_trace(QuadraticLoss([1.0], [0.0]), [1.0], SGD(), steps=0)
    with pytest.raises(InputError, match="overflows float64"):
        descent_trace(QuadraticLoss([1.0], [0.0]), [1.0], SGD(learning_rate=1e6), steps=200)
